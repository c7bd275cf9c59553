"""Demo content for development and presentations (``manage.py seed_demo``).

The texts live as plain data in :mod:`lms.demo.curriculum` (the
qualification) and :mod:`lms.demo.pages` (home page, legal pages, transfer
models, site settings); :func:`lms.demo.seed.seed_demo` writes them to the
database. Everything here is illustrative and editable in the Wagtail admin.
"""
