"""Input shapes for workgroups, one module per part; the rules live in services."""
