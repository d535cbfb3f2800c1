"""Import: last year's report (.docx, .doc, .wps, .odt, text, Markdown) → a neutral outline.

Two stages, both independent of the YAML model: readers turn any input into a stream of blocks
(``source.read_path`` / ``read_stdin`` → :class:`blocks.Source`), and the recogniser turns blocks
into an :class:`outline.Outline` (title, 主送机关, opening and basis documents, heading tree with
run-in titles, leads, 一是 points and classified tables, signature, date, 附注, attachments, 版头
and 版记, the kind guessed) with everything it left out or could not place listed.
"""
