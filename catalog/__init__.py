"""The catalog: people, papers and venues, the rules that name and match them, and every write.

Its pure modules (names, records, venues, web_addresses) import neither Flask nor the
database, so the importers' readers can use them.
"""
