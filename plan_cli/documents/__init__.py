"""Documents made from a plan: the formats table, templates and their filters, Word, calendars, CSV and JSON."""
