"""The document model: what a report may contain (schema), and checking loaded data against it."""
