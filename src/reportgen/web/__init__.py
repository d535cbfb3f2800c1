"""The web page: a thin shell over the same library as the CLI, for clerks who never open a
terminal (``reportgen serve``).

- ``server``   ``reportgen serve``: a free port on 127.0.0.1, the token, the browser opened.
- ``app``      the routes (Starlette): the page, checking, editing, preview, saving, downloads,
  batch. Each request only parses what came in and calls the library.
- ``sessions`` one workspace per browser session, under a random id, removed when idle.
- ``security`` the token, upload limits and safe names (no path traversal, no zip-slip).
- ``yamledit`` the form's edits applied to the YAML text, keeping the clerk's comments.
- ``worker``   renders in worker processes, stopped when over time (a template's SIGALRM limit
  works only in a main thread; a server's requests run in others).
- ``preview``  the rendered pages: PDF pages through LibreOffice, or an HTML approximation built
  from the render context.
- ``batchjob`` many YAMLs or a zip → the reports, the manifest and the roll-up, in a process of
  its own, with progress.
- ``static/``  the page itself: HTML, CSS and plain JavaScript, no library and nothing fetched from
  the internet. The form is built from the JSON Schema the models export (``/api/schema``).
"""
