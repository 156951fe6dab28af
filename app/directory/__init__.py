"""The service directory: organisations and services shaped on Open Referral UK v3, the Camden taxonomy, seed and
synthetic data, and the public service and category pages."""
