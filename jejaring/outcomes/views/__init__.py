"""Outcome pages: the tracer (who is due, answers, personal links), the dashboard with
drill-down and exports, the annual report, definitions and settings, and the public
statistics page; one module per aggregate, routed by urls.py."""
