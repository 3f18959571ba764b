"""The monthly labour-market information report (Informasi Pasar Kerja, IPK): job
seekers, vacancies and placements of a month, per region and rolled up for provincial and
national viewers (docs/ipk.md). `figures` counts (set-based SQL), `tables` lays the counts
out in the ministry's tables and protects them, `report` is what pages and the API read."""
