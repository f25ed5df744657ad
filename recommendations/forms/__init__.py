"""Input shapes for recommendations; the rules live in services."""
