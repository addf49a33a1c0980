"""Briefings: a static briefing-site generator for sourced articles and their annotations."""
