"""The shared toolkit: what every app of the site builds on, and imports nothing of them.

The page caches (caching), the filter forms' fields (forms), paging (listing), view helpers and the
pages that answer without the database (views), the client's address (client_ip), the public
host's addresses (addresses), a migration operation for PostgreSQL-only indexes
(migration_operations) and `manage.py compile_translations`. It imports Django and libraries only;
`make lint` holds it to that (.importlinter).
"""
