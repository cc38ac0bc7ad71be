"""The directory site for partner organisations: `helpfinder kb site OUT/` (static HTML)."""
