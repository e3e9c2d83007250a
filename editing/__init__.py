"""Editing in the browser: who may change what, the forms, photos, and the audit log.

Every edit goes through the same readers, checks and write operations as an import
(`importing`, `catalog.operations`), so a change made in a form is held to the same
rules as one made in a file, and shows everywhere after its commit.
"""
