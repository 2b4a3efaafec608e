"""Batches: reading and writing files, parallel runs, data frames, evaluation, flood signals."""
