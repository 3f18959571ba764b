"""Planning pages: needs intake and mapping, coordination meetings, the gap analysis,
training plans with their workflow and exports, and the instructor gap; one module per
aggregate, routed by urls.py."""
