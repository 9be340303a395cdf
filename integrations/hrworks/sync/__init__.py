"""The hr works sync: fetch from hr works without writes, then apply in one transaction."""
