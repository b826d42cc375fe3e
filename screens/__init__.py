"""The Textual UI: one screen per module, its .tcss beside it. No business rules here."""
