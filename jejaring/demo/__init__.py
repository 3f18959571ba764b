"""The Kota Pekalongan demo: its loader (`jejaring.demo.loader`) and `manage.py demo`.

The top layer beside config: it writes into every app, and no app imports it.
"""
