#!/usr/bin/env python3
# Shopify products.json files for bulk import runs (docs/RELIABILITY.md):
#   shopify_bulk.py OUT_DIR FILES PRODUCTS_PER_FILE
import json, os, sys
out, nfiles, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out, exist_ok=True)
words = "retro sunset axolotl kawaii fishing dad nurse life bigfoot camping cat mom floral vintage".split()
for f in range(nfiles):
    products = []
    for i in range(per):
        pid = 10_000_000 + f * per + i
        t = " ".join(words[(pid + k) % len(words)] for k in range(4)).title() + " T-Shirt %d" % pid
        variants = [{"id": pid * 10 + v, "title": s, "price": "24.00", "available": True} for v, s in enumerate("S M L XL".split())]
        products.append({"id": pid, "title": t, "handle": "p-%d" % pid, "body_html": "<p>" + "soft cotton tee " * 20 + "</p>",
                         "vendor": "Store %d" % (f % 50), "product_type": "T-Shirt", "tags": words[pid % 7: pid % 7 + 4],
                         "published_at": "2026-10-01T00:00:00Z", "variants": variants,
                         "images": [{"src": "https://cdn.example/%d.png" % pid}]})
    with open(os.path.join(out, "store-%04d-products.json" % f), "w") as fh:
        json.dump({"products": products}, fh)
