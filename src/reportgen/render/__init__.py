"""From a validated report to .docx bytes: the render context, the templates and their sandbox."""
