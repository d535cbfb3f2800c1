"""Checking any .docx against GB/T 9704-2012: styles in the file, and the layout LibreOffice draws."""
