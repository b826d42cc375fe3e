"""Speeches and award presentations: lists, ordering, batches."""
