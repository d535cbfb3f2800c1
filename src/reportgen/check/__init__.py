"""Checking any document against GB/T 9704-2012 (or a profile of it): the package as read
(package.py), the styles in the file (styles.py), and the layout LibreOffice draws (layout.py)."""
