"""Demo data: the real partners, Fachgebiete and working groups of the Sicherheitskooperation Ruhr,
fictitious accounts for every role and the demo contents (`inhalte/`), loaded by `manage.py load_demo`.

Installed only by the development and test settings, never in production (`settings.production`
does not list it): production has no demo accounts, so neither `load_demo` nor `demo_totp` (the
current second-factor code of a demo account) should exist there. Both refuse to run unless
SIKO_DEMO_MODE is on as well. It builds its files with `devtools.generate`; production code never
imports this package (tests/test_production_packages.py).
"""
