#!/usr/bin/env python3
# benchmarks/scale_model.py: writes a scaled copy of a county model and a
# scenario that runs it, for the scaling benchmark (benchmarks/scaling.sh).
#
# Two shapes, factor F:
#   scaled   the same districts and settings; every district's population,
#            the initial stock (plans, SEN support, requests under way), every
#            setting's places (listed steps and capital projects), the
#            assessors, the plans moving in and the DSG allocation times F;
#   england  F copies of the county side by side: every district (the
#            out-of-county pseudo-district too), setting, travel link and
#            capital project copied (copy 1 keeps the names, copy k adds
#            " k"), no travel link between copies (unreachable from each
#            other); the initial stock, assessors, plans moving in and the DSG
#            allocation times F (one authority F times the size, with F
#            separate geographies). At F = 60 the default county gives 780
#            districts and 5,220 settings (5,400 with those the capital
#            programme opens).
# At F = 1 both shapes are the county model itself (same results).
#
# usage: scale_model.py SCENARIO SHAPE FACTOR OUTDIR
# writes OUTDIR/<shape>-<F>.model.yaml and OUTDIR/<shape>-<F>.yaml (the
# scenario: the county scenario's run settings, the generated model).
import os
import sys

import yaml


class PlainDumper(yaml.SafeDumper):
    """Writes every scalar as the loader read it (BaseLoader keeps them as text)."""


PlainDumper.yaml_implicit_resolvers = {}


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=yaml.BaseLoader)


def number(text):
    value = float(text)
    return value


def scale_int(text, factor):
    return str(int(round(number(text) * factor)))


def scale_real(text, factor):
    value = number(text) * factor
    return str(int(value)) if value == int(value) else repr(value)


def scale_places(setting, factor):
    if setting.get("unlimited") == "true" or "places" not in setting:
        return
    places = setting["places"]
    if isinstance(places, list):
        for step in places:
            step["places"] = scale_int(step["places"], factor)
    else:
        setting["places"] = scale_int(places, factor)


def scale_totals(model, factor):
    """What both shapes multiply: the stock, the team, arrivals by move, money."""
    stock = model.get("initial_stock", {})
    for key in ("ehc_plans", "sen_support", "requests_in_progress"):
        if key in stock:
            stock[key] = scale_int(stock[key], factor)
    if "assessors" in model.get("assessment", {}):
        model["assessment"]["assessors"] = scale_int(model["assessment"]["assessors"], factor)
    if "plans_moving_in" in model.get("migration", {}):
        model["migration"]["plans_moving_in"] = scale_real(model["migration"]["plans_moving_in"], factor)
    for key in ("allocation", "opening_balance"):
        if key in model.get("dsg", {}):
            model["dsg"][key] = scale_real(model["dsg"][key], factor)


def scaled(model, factor):
    for district in model["districts"]:
        district["population_0_25"] = scale_real(district.get("population_0_25", "0"), factor)
    for setting in model.get("settings", []):
        scale_places(setting, factor)
    for project in model.get("capital_programme", []):
        if "places" in project:
            project["places"] = scale_int(project["places"], factor)
    scale_totals(model, factor)


def renamed(name, copy):
    return name if copy == 1 else f"{name} {copy}"


def england(model, factor):
    names = {d["name"] for d in model["districts"]}

    def copies(items, copy_one):
        return [copy_one(deep(item), k) for k in range(1, factor + 1) for item in items]

    def deep(item):
        return yaml.load(yaml.dump(item, Dumper=PlainDumper), Loader=yaml.BaseLoader)

    def district_copy(d, k):
        d["name"] = renamed(d["name"], k)
        return d

    def link_copy(link, k):
        link["from"] = renamed(link["from"], k)
        link["to"] = renamed(link["to"], k)
        return link

    def setting_copy(s, k):
        s["name"] = renamed(s["name"], k)
        s["district"] = renamed(s["district"], k)
        return s

    def project_copy(p, k):
        p["name"] = renamed(p["name"], k)
        if isinstance(p.get("setting"), dict):
            setting_copy(p["setting"], k)
        elif "setting" in p:
            p["setting"] = renamed(p["setting"], k)
        return p

    model["districts"] = copies(model["districts"], district_copy)
    model["travel"] = copies(model.get("travel", []), link_copy)
    model["settings"] = copies(model.get("settings", []), setting_copy)
    if "capital_programme" in model:
        model["capital_programme"] = copies(model["capital_programme"], project_copy)
    growth = model.get("demand", {}).get("population_growth")
    if isinstance(growth, list):
        # Rules naming a district are copied with it; the others apply to all.
        model["demand"]["population_growth"] = [r for r in growth if not r.get("district")] + copies(
            [r for r in growth if r.get("district")],
            lambda r, k: dict(r, district=renamed(r["district"], k)))
    if not names:
        sys.exit("scale_model.py: the model has no districts")
    scale_totals(model, factor)


def main():
    if len(sys.argv) != 5 or sys.argv[2] not in ("scaled", "england"):
        sys.exit("usage: scale_model.py SCENARIO scaled|england FACTOR OUTDIR")
    scenario_path, shape, factor, outdir = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    if factor < 1:
        sys.exit("scale_model.py: FACTOR must be a whole number of 1 or more")
    scenario = load(scenario_path)
    if "extends" in scenario:
        sys.exit("scale_model.py: a scenario that extends another is not supported")
    model_path = os.path.join(os.path.dirname(os.path.abspath(scenario_path)), scenario["scenario"]["model"])
    model = load(model_path)
    (scaled if shape == "scaled" else england)(model, factor)
    model["model"]["name"] = f"{model['model']['name']}-{shape}-{factor}"
    os.makedirs(outdir, exist_ok=True)
    stem = f"{shape}-{factor}"
    with open(os.path.join(outdir, stem + ".model.yaml"), "w", encoding="utf-8") as f:
        f.write(f"# {stem}.model.yaml: written by benchmarks/scale_model.py from {model_path}\n")
        yaml.dump(model, f, Dumper=PlainDumper, sort_keys=False, width=1000)
    scenario["scenario"]["model"] = stem + ".model.yaml"
    scenario["scenario"]["name"] = f"{scenario['scenario']['name']}-{stem}"
    with open(os.path.join(outdir, stem + ".yaml"), "w", encoding="utf-8") as f:
        f.write(f"# {stem}.yaml: written by benchmarks/scale_model.py from {scenario_path}\n")
        yaml.dump(scenario, f, Dumper=PlainDumper, sort_keys=False, width=1000)


if __name__ == "__main__":
    main()
