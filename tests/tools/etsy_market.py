#!/usr/bin/env python3
"""Writes a planted Etsy market as one Etsy API answer (findAllListingsActive, API-CONTRACTS.md),
for the mixed-market screenshot beside tests/tools/shopify_market.py and the real samples:
   tests/tools/etsy_market.py OUT_DIR
then: podtrends --db FILE import OUT_DIR ... && podtrends --db FILE analyze.
Listings carry num_favorers, views and original_creation_timestamp: "axolotl" and "cat mom" are
also on the Shopify market (one niche across marketplaces), "frog cottagecore" is Etsy's own,
with many favourites and new listings; "dragon dad" has favourites only."""
import datetime, json, os, sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
now = datetime.datetime.now(datetime.timezone.utc)
listings = []

def add(title, tags, favorites, views, age_days, kind="T-shirts", price=2400):
    lid = 1500000000 + len(listings)
    listing = {"listing_id": lid, "shop_id": 40000 + len(listings) % 5, "title": title, "state": "active",
               "url": "https://www.etsy.com/listing/%d/planted" % lid, "num_favorers": favorites, "tags": tags,
               "taxonomy_path": ["Clothing", kind], "price": {"amount": price, "divisor": 100, "currency_code": "USD"},
               "original_creation_timestamp": int((now - datetime.timedelta(days=age_days)).timestamp())}
    if views is not None:
        listing["views"] = views
    listings.append(listing)

for i in range(4):
    add("Axolotl Kawaii Pastel T-Shirt", ["axolotl", "kawaii"], 120 + 30 * i, 2400 + 300 * i, 6 + i)
for i in range(5):
    add("Frog Cottagecore Mushroom T-Shirt", ["frog cottagecore", "frog"], 300 + 50 * i, 5200 + 400 * i, 3 + 2 * i)
for i in range(3):
    add("Cat Mom Floral Coffee Mug", ["cat mom"], 45 + 5 * i, None, 90 + 10 * i, kind="Mugs", price=1600)
for i in range(3):
    add("Dragon Dad Fantasy T-Shirt", ["dragon dad"], 8 + i, None, 400)

with open(os.path.join(out, "etsy-listings-active.json"), "w") as f:
    json.dump({"count": len(listings), "results": listings}, f)
