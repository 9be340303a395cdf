"""The demo agency: a curated hr works data set and the matching local data.

``bin/run`` seeds the "Demo Agentur" tenant from here and serves the same agency's hr
works data from the sandbox. The demo and browser tests use the same data.
"""
