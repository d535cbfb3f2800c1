"""Writing results: files written atomically, and PDFs through LibreOffice."""
