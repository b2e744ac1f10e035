#!/usr/bin/env python3
"""Generates a whole anchor network's spend for the analysis benchmark: a geography, one vendor master and one spend
file per anchor and financial year. Everything is invented and labelled as generated; nothing is copied from a
publisher.

  geography/local-authorities.csv  the demo's real North East districts (deploy/local/demo/geography) and 292 invented
                                   districts elsewhere in England ("Bench district N", codes E07900001...), by region
  geography/postcodes.csv          ten invented postcodes per district (QA1 1AA ...), ONS-style columns pcds, laua
  vendor-master.csv                every supplier: name, company number, registered office postcode, for some a
                                   branch elsewhere, size and VCSE; given once, by the first anchor
  spend-<anchor>-<year>.csv        a Transparency-Code-style file: Payment Date, Transaction Number, Net Amount,
                                   Supplier Name, Expense Type, Department

Where suppliers are: 10% Darlington, 10% elsewhere in the Tees Valley, 10% elsewhere in the North East, 65% across
the rest of England (a few districts, London's and Manchester's stand-ins, take most), 5% with no postcode. Each
anchor pays a slice of the suppliers of its own and the network's popular ones; each supplier is paid under its main
expense type (85%) or one other (15%), as finance systems code a supplier's invoices.

Usage: generate-network.py OUT_DIR [--payments 10000000] [--anchors 10] [--years 5] [--first-year 2021]
                                   [--suppliers 50000] [--seed 2026]
"""
import argparse
import csv
import datetime
import os
import random

ANCHORS = ["GB-LAE-DAL", "GB-NHS-RXP", "GB-EDU-130584", "GB-LAE-MDB", "GB-LAE-STT", "GB-LAE-HPL", "GB-LAE-RCC",
           "GB-NHS-RTR", "GB-NHS-RVW", "GB-EDU-130585", "GB-LAE-DUR", "GB-LAE-NCL"]
DARLINGTON = "E06000005"
TEES_VALLEY = ["E06000001", "E06000002", "E06000003", "E06000004"]
REST_OF_NORTH_EAST = ["E06000047", "E08000021"]
REGIONS = ["E12000002", "E12000003", "E12000004", "E12000005", "E12000006", "E12000007", "E12000008", "E12000009"]
PLACES = ["Darlington", "Tees", "Stockton", "Cleveland", "Durham", "Wear", "Tyne", "Pennine", "Northern", "Albion",
          "Crown", "Meridian", "Summit", "Riverside", "Castle", "Abbey", "Valley", "Harbour", "Oak", "Beacon"]
TRADES = ["Building", "Catering", "Cleaning", "Electrical", "Plumbing", "IT", "Consulting", "Print", "Landscaping",
          "Care", "Transport", "Security", "Office", "Medical", "Training", "Legal", "Bakery", "Joinery", "Waste",
          "Energy", "Facilities", "Software", "Engineering", "Recruitment", "Pharmacy"]
FORMS = ["Ltd", "Limited", "LLP", "& Sons Ltd", "Group Ltd", "CIC", "Trust", "plc"]
# Expense types as anchors write them; the network's default rules put each in a category.
EXPENSE_TYPES = ["Building repairs", "Highways maintenance", "Construction works", "Private contractors", "Cleaning",
                 "Grounds maintenance", "Residential care", "Domiciliary care", "Clinical supplies", "Drugs",
                 "Software licences", "ICT support", "Consultancy fees", "Legal fees", "Catering provisions",
                 "Vehicle hire", "Fuel", "Agency staff", "Equipment", "Materials", "Stationery", "Training courses",
                 "Waste collection", "Electricity", "Gas", "Water", "Business rates", "Pension contributions",
                 "Grants to voluntary bodies", "Healthcare from NHS bodies", "Printing", "Postage", "Insurance"]
DEPARTMENTS = ["People", "Place", "Resources", "Economic Growth", "Estates", "Clinical Services", "Corporate"]


def districts(rng, demo_authorities):
    """The real North East districts of the demo geography, and invented ones elsewhere."""
    with open(demo_authorities, encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    for i in range(292):
        rows.append({"lad_code": f"E079{i + 1:05d}", "lad_name": f"Bench district {i + 1} (generated)",
                     "region_code": REGIONS[i % len(REGIONS)], "combined_authority_code": ""})
    return rows


def postcodes_of(index):
    """Ten invented postcodes of district number index: outward code Q + letter + number, unique per district."""
    outward = f"Q{chr(65 + index % 26)}{index // 26 + 1}"
    return [f"{outward} {d}{chr(65 + (d * 7) % 26)}{chr(65 + (d * 3 + index) % 26)}" for d in range(10)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--payments", type=int, default=10_000_000)
    parser.add_argument("--anchors", type=int, default=10)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--first-year", type=int, default=2021)
    parser.add_argument("--suppliers", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    here = os.path.dirname(os.path.abspath(__file__))
    os.makedirs(os.path.join(args.out, "geography"), exist_ok=True)

    authorities = districts(rng, os.path.join(here, "..", "deploy", "local", "demo", "geography", "local-authorities.csv"))
    with open(os.path.join(args.out, "geography", "local-authorities.csv"), "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["lad_code", "lad_name", "region_code", "combined_authority_code"])
        for row in authorities:
            writer.writerow([row["lad_code"], row["lad_name"], row["region_code"], row["combined_authority_code"]])
    postcodes = {}
    with open(os.path.join(args.out, "geography", "postcodes.csv"), "w", encoding="utf-8", newline="") as out:
        out.write("pcds,laua\n")
        for index, row in enumerate(authorities):
            postcodes[row["lad_code"]] = postcodes_of(index)
            for postcode in postcodes[row["lad_code"]]:
                out.write(f"{postcode},{row['lad_code']}\n")
    elsewhere = [row["lad_code"] for row in authorities if row["lad_code"].startswith("E079")]
    # A few districts elsewhere take most of the spend, as London and the big cities do.
    elsewhere_weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(elsewhere))]

    def district(r):
        draw = r.random()
        if draw < 0.10:
            return DARLINGTON
        if draw < 0.20:
            return r.choice(TEES_VALLEY)
        if draw < 0.30:
            return r.choice(REST_OF_NORTH_EAST)
        if draw < 0.95:
            return r.choices(elsewhere, elsewhere_weights)[0]
        return None

    suppliers = []
    with open(os.path.join(args.out, "vendor-master.csv"), "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Supplier Name", "Company Number", "Postcode", "Branch Postcodes", "Size", "VCSE"])
        for n in range(args.suppliers):
            name = f"{rng.choice(PLACES)} {rng.choice(TRADES)} {n + 1:05d} {rng.choice(FORMS)} (generated)"
            home = district(rng)
            branch = rng.choice(postcodes[DARLINGTON]) if home and home != DARLINGTON and rng.random() < 0.05 else ""
            size = rng.choices(["MICRO", "SMALL", "MEDIUM", "LARGE", ""], [30, 25, 15, 20, 10])[0]
            vcse = rng.choices(["yes", "no", ""], [8, 62, 30])[0]
            writer.writerow([name, f"{70_000_000 + n:08d}", rng.choice(postcodes[home]) if home else "", branch, size, vcse])
            suppliers.append((name, rng.choice(EXPENSE_TYPES), rng.choice(EXPENSE_TYPES)))

    anchors = ANCHORS[:args.anchors]
    per_file = args.payments // (len(anchors) * args.years)
    popular_weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(suppliers))]
    cumulative = []
    total = 0.0
    for weight in popular_weights:
        total += weight
        cumulative.append(total)
    for a, anchor in enumerate(anchors):
        own = list(range(a * len(suppliers) // len(anchors), (a + 1) * len(suppliers) // len(anchors)))
        for y in range(args.years):
            year = args.first_year + y
            r = random.Random(args.seed * 1000 + a * 100 + y)
            start = datetime.date(year, 4, 1)
            path = os.path.join(args.out, f"spend-{anchor}-{year}.csv")
            with open(path, "w", encoding="utf-8", newline="") as out:
                out.write("Payment Date,Transaction Number,Net Amount,Supplier Name,Expense Type,Department\n")
                for i in range(per_file):
                    # 60% with the network's popular suppliers, 40% with the anchor's own slice.
                    supplier = (r.choices(range(len(suppliers)), cum_weights=cumulative)[0] if r.random() < 0.6
                                else r.choice(own))
                    name, main_type, other_type = suppliers[supplier]
                    expense = main_type if r.random() < 0.85 else other_type
                    amount = round(min(500 + r.paretovariate(1.3) * 200, 2_500_000), 2) * (-1 if r.random() < 0.01 else 1)
                    paid = start + datetime.timedelta(days=r.randrange(365))
                    out.write(f'{paid.isoformat()},{anchor}-{year}-{i},{amount:.2f},"{name}",{expense},'
                              f'{DEPARTMENTS[i % len(DEPARTMENTS)]}\n')


if __name__ == "__main__":
    main()
