#!/usr/bin/env python3
"""Writes the bundled sample workspace (resources/sample/): made-up Shopify stores and one Etsy
shop export, every shop named "Sample …", so a new seller can try the whole path (import,
analysis, designs) without an account. Run from the repository root:
   tests/tools/sample_workspace.py resources/sample
Dates are written as "{{days-ago:N}}" and filled in when the app copies the files out
(core/sample/sampleworkspace.cpp), so the sample never ages. Deterministic: no randomness."""
import json, os, sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

stores = ["Sample Lakeside Tees", "Sample Pastel Print Co", "Sample Cozy Corner", "Sample Trail & Tide",
          "Sample Good Day Goods", "Sample Little Pond Studio", "Sample Night Shift Supply", "Sample Dad Joke Depot"]
listings = {s: [] for s in stores}

def add(store, title, tags, age, kind="T-Shirt", price="24.00", sold_out=0, discounted=False):
    listings[store].append(dict(title=title, tags=tags, age=age, kind=kind, price=price,
                                sold_out=sold_out, discounted=discounted))

# The rising niche: axolotls in six of eight stores, new listings, sizes selling out, shirts and mugs.
for i, s in enumerate(stores[:6]):
    add(s, "Cute Axolotl Kawaii T-Shirt", ["axolotl", "kawaii"], 3 + i, sold_out=2)
    add(s, "Axolotl Pastel Kawaii Tee", ["axolotl", "kawaii", "pastel"], 8 + i, sold_out=1)
    if i % 2 == 0:
        add(s, "Axolotl Kawaii Coffee Mug", ["axolotl", "kawaii", "mug"], 6 + i, kind="Mug", price="16.00")
# Steady niches in two to four stores.
for s in stores[6:8] + stores[2:4]:
    add(s, "Nurse Life Night Shift Mug", ["nurse life", "nurse"], 40, kind="Mug", price="17.00")
    add(s, "Nurse Life Coffee Then Scrubs T-Shirt", ["nurse life", "nurse"], 55, sold_out=1)
for s in stores[1:4]:
    add(s, "Plant Lady Botanical Poster", ["plant lady", "plants"], 25, kind="Poster", price="19.00")
    add(s, "Crazy Plant Lady Tote Bag", ["plant lady", "plants"], 30, kind="Tote Bag", price="21.00")
for s in stores[0:2]:
    add(s, "Retro Sunset Surf T-Shirt", ["retro sunset", "surf"], 120)
    add(s, "Retro Sunset Beach Hoodie", ["retro sunset", "surf"], 140, kind="Hoodie", price="42.00")
for s in stores[3:6]:
    add(s, "Cat Mom Floral T-Shirt", ["cat mom", "cats"], 60)
    add(s, "Cat Mom Floral Mug", ["cat mom", "cats"], 70, kind="Mug", price="15.00")
# A tired niche: one store, old and discounted.
for n in range(5):
    add(stores[7], "Reel Cool Fishing Dad Shirt", ["fishing dad"], 200 + 10 * n, discounted=True)
for s in stores[4:7]:
    add(s, "Bigfoot Camping Forest Hoodie", ["bigfoot camping"], 280, kind="Hoodie", price="44.00", discounted=True)

sizes = {"T-Shirt": ["S", "M", "L", "XL"], "Hoodie": ["S", "M", "L", "XL"], "Mug": ["11 oz", "15 oz"],
         "Poster": ["12x18", "18x24"], "Tote Bag": ["One size"]}
for s_index, store in enumerate(stores):
    products = []
    for i, l in enumerate(listings[store]):
        pid = 8100000 + 1000 * s_index + i
        variants = [{"id": pid * 10 + v, "title": size, "price": l["price"], "available": v >= l["sold_out"],
                     "compare_at_price": "34.00" if l["discounted"] else None}
                    for v, size in enumerate(sizes[l["kind"]])]
        products.append({"id": pid, "title": l["title"], "handle": "sample-%d" % pid,
                         "body_html": "<p>Sample listing for trying POD Trends (made-up data).</p>",
                         "vendor": store, "product_type": l["kind"], "tags": l["tags"],
                         "published_at": "{{days-ago:%d}}" % l["age"], "variants": variants, "images": []})
    name = store.lower().replace("&", "and").replace(" ", "-")
    with open(os.path.join(out, "%s-products.json" % name), "w") as f:
        json.dump({"products": products}, f, indent=1)

# One Etsy shop's listing export (its file name is the shop's name).
rows = [("Axolotl Kawaii Sticker Shirt", "Pastel axolotl on a soft tee", "23.00", "axolotl,kawaii,pastel"),
        ("Axolotl Lover Kawaii Mug", "Ceramic mug, 11 oz", "15.50", "axolotl,kawaii,mug"),
        ("Plant Lady Monstera Poster", "Botanical print", "18.00", "plant lady,plants,poster"),
        ("Nurse Life Heartbeat Tee", "For night shift heroes", "22.00", "nurse life,nurse"),
        ("Cat Mom Est. 2026 Tote", "Canvas tote bag", "20.00", "cat mom,cats,tote")]
# The importer names the shop after the file: core.qrc gives it the alias "Sample Etsy Shop.csv".
with open(os.path.join(out, "sample-etsy-shop.csv"), "w", newline="") as f:
    f.write("TITLE,DESCRIPTION,PRICE,CURRENCY_CODE,QUANTITY,TAGS,SKU\n")
    for n, (title, desc, price, tags) in enumerate(rows):
        f.write('"%s","%s",%s,USD,10,"%s",SAMPLE-%03d\n' % (title, desc, price, tags, n + 1))
