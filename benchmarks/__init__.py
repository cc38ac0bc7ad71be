"""Benchmarks: speed, memory and scale of understanding + ranking, and of the bot."""
