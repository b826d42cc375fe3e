"""The record of the day: the report workbook, the item-9 vote, the minutes (biên bản)."""
