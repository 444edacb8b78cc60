#!/usr/bin/env python3
"""Writes a planted Shopify-only market as products.json files, one per store (for screenshots):
   tests/tools/shopify_market.py OUT_DIR
then: podtrends --db FILE import OUT_DIR && podtrends --db FILE analyze.
Eight stores (one vendor each): "axolotl" carried by seven of them with new listings and sold-out
variants; "fishing dad" in one store, old and discounted; "retro sunset", "nurse life",
"bigfoot camping" and "cat mom" in two or three stores each."""
import datetime, json, os, sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
now = datetime.datetime.now(datetime.timezone.utc)
stores = [[] for _ in range(8)]

def listing(title, tags, age, sold_out=0, discounted=False, kind="T-Shirt", price="24.00"):
    return dict(title=title, tags=tags, age=age, sold_out=sold_out, discounted=discounted, kind=kind, price=price)

for s in range(7):
    stores[s] += [listing("Cute Axolotl Kawaii T-Shirt", ["axolotl", "kawaii"], 4 + s, 2),
                  listing("Axolotl Kawaii Pastel Tee", ["axolotl", "kawaii"], 10 + s, 1)]
stores[7] += [listing("Reel Cool Fishing Dad Shirt", ["fishing dad"], 200, 0, True) for _ in range(4)]
stores[7] += [listing("Fishing Dad Lake Life Tee", ["fishing dad"], 160, 0, True) for _ in range(3)]
for s in (0, 1):
    stores[s] += [listing("Retro Sunset Surf T-Shirt", ["retro sunset"], 120) for _ in range(2)]
for s in (2, 3):
    stores[s] += [listing("Nurse Life Coffee Mug", ["nurse life"], 45, 1, kind="Mug", price="16.00"),
                  listing("Nurse Life Night Shift Mug", ["nurse life"], 75, 0, kind="Mug", price="16.00")]
for s in (4, 5, 6):
    stores[s] += [listing("Bigfoot Camping Forest Hoodie", ["bigfoot camping"], 300, 0, True, kind="Hoodie", price="44.00")]
for s in (3, 5):
    stores[s] += [listing("Cat Mom Floral Poster", ["cat mom"], 20, 0, kind="Poster", price="18.00") for _ in range(2)]

for s, listings in enumerate(stores):
    products = []
    for i, l in enumerate(listings):
        pid = 7000000 + 1000 * s + i
        published = (now - datetime.timedelta(days=l["age"])).strftime("%Y-%m-%dT%H:%M:%SZ")
        variants = [{"id": pid * 10 + v, "title": size, "price": l["price"], "available": v >= l["sold_out"],
                     "compare_at_price": "32.00" if l["discounted"] else None}
                    for v, size in enumerate(["S", "M", "L", "XL"])]
        products.append({"id": pid, "title": l["title"], "handle": "p-%d" % pid, "body_html": "",
                         "vendor": "Store %d" % (s + 1), "product_type": l["kind"], "tags": l["tags"],
                         "published_at": published, "variants": variants, "images": []})
    with open(os.path.join(out, "store-%d-products.json" % (s + 1)), "w") as f:
        json.dump({"products": products}, f)
