"""Tools for development, tests and benchmarks — never part of the running portal.

- `generate`: real PDF, DOCX and XLSX files (demo data and tests).
- `smtp_sink`: a local SMTP server that swallows mail (aiosmtpd, a test dependency).
- `production_process`: a gunicorn with production settings as a separate process (tests, benchmark).
- `throwaway`: a database that exists for one benchmark run.
- `benchmark_corpus`, `page_benchmark`, `benchmark_wsgi`, `benchmark_settings` and the commands
  `benchmark_search`, `benchmark_pages`, `benchmark_newsletter`.

Installed (for its management commands) only by the development and test settings; production's
INSTALLED_APPS does not contain it, and production code never imports it
(tests/test_production_packages.py). The benchmark's gunicorn runs production settings as shipped
(`benchmark_settings`) and loads `benchmark_wsgi` as a plain module.
"""
