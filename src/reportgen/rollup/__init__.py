"""The city's view across districts: a roll-up workbook, a summary report, each district's ledger as
a spreadsheet, and a bound compilation of the reports.

Data flows one way, from validated reports to files:

- ``collect``  one validated report (or one that failed) → a :class:`~.collect.District` record:
  its measures, figures and warnings as plain rows. Below ``batch``, which builds the records in
  its workers while it renders.
- ``gather``   YAML files and folders → districts, in worker processes (the same defaults and
  figures sheet ``batch`` applies). Above ``batch``, whose input rules it reuses.
- ``summary``  districts and an as-of date → the numbers every output shows (counts, completion
  rates, overdue measures, figure ranks). Pure.
- ``xlsx``     the sheet conventions every workbook here follows (title row, frozen header,
  filters, widths, A4 landscape with the title repeated, stable bytes).
- ``workbook`` the roll-up workbook, and one district's ledger (``ledger_workbook``).
- ``compile``  the 汇编: cover, a table of contents with computed page numbers, every report
  starting on an odd page.
"""
