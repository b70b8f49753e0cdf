#!/usr/bin/env python3
"""End to end in a real browser: start `mailaudit serve`, sign in with the
printed URL, open the largest incident from the overview, tick three people
not yet recorded, record them as confirmed deleted, and check that the
recipients without a confirmed deletion fell by three on the page and that
the page's counts without confirmed deletions (people, pairs, recipients)
are the ones `mailaudit incident ID` prints, before and after.

Usage: e2e.py --binary PATH --index FILE --lang ja|en [--screenshots DIR]

Prints one JSON line with what it saw; exits 0 when every check held, 1 when
one failed, 77 when chromium, chromedriver or selenium is missing (the Swift
test turns that into a skip).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

SKIP = 77


def find_chromedriver():
    for name in ("chromedriver", "/usr/lib/chromium/chromedriver", "/usr/bin/chromedriver"):
        path = shutil.which(name) or (name if os.path.exists(name) else None)
        if path:
            return path
    return None


def find_chromium():
    for name in ("chromium", "chromium-browser", "/usr/bin/chromium"):
        path = shutil.which(name) or (name if os.path.exists(name) else None)
        if path:
            return path
    return None


def number(text):
    return int(re.sub(r"[^0-9]", "", text))


PATTERNS = {
    "en": {
        "people": r"People exposed:\s+([\d,]+)",
        "unconfirmed": r"Without confirmed deletions:\s+([\d,]+) people .*?, ([\d,]+) pairs",
        "deleted": r"Follow-up:.*deleted ([\d,]+)",
    },
    "ja": {
        "people": r"漏えいした人数：\s*([\d,]+)名",
        "unconfirmed": r"削除確認済みを除く：\s*([\d,]+)名.*?開示延べ([\d,]+)件",
        "deleted": r"受信者への対応：.*削除確認済み([\d,]+)名",
    },
}


def cli_counts(binary, index, incident, lang):
    """What `mailaudit incident ID` prints: people, people and pairs without
    confirmed deletions, recipients not confirmed deleted."""
    out = subprocess.run(
        [binary, "incident", incident, "--index", index, "--lang", lang, "--timezone", "UTC",
         "--out", os.path.join(os.path.dirname(os.path.abspath(index)), "cli-out-" + lang)],
        capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        raise RuntimeError("mailaudit incident failed: " + out.stderr)
    found = {}
    for name, pattern in PATTERNS[lang].items():
        match = re.search(pattern, out.stdout)
        if not match:
            raise RuntimeError("no %s in:\n%s" % (name, out.stdout))
        found[name] = [number(g) for g in match.groups()]
    return {
        "people_unconfirmed": found["unconfirmed"][0],
        "pairs_unconfirmed": found["unconfirmed"][1],
        "recipients_unconfirmed": found["people"][0] - found["deleted"][0],
    }


def page_counts(driver, By):
    return {
        "people_unconfirmed": number(driver.find_element(By.ID, "people-unconfirmed").text),
        "pairs_unconfirmed": number(driver.find_element(By.ID, "pairs-unconfirmed").text),
        "recipients_unconfirmed": number(driver.find_element(By.ID, "recipients-unconfirmed").text),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--index", required=True)
    parser.add_argument("--lang", required=True, choices=["ja", "en"])
    parser.add_argument("--screenshots")
    args = parser.parse_args()

    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import Select
    except ImportError:
        print("skip: selenium is not installed (pip install selenium)")
        return SKIP
    chromium, driver_path = find_chromium(), find_chromedriver()
    if not chromium or not driver_path:
        print("skip: chromium or chromedriver is missing (apt-get install chromium chromium-driver)")
        return SKIP

    server = subprocess.Popen(
        [args.binary, "serve", "--index", args.index, "--lang", args.lang, "--timezone", "UTC"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    driver = None
    seen = {"lang": args.lang}
    try:
        url = server.stdout.readline().strip()
        seen["url_shape"] = re.sub(r"[0-9a-f]{64}$", "TOKEN", re.sub(r":\d+/", ":PORT/", url))
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[0-9a-f]{64}", url), "printed: %r" % url

        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1000", "--lang=" + args.lang):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
        driver.set_page_load_timeout(60)

        driver.get(url)
        assert "token=" not in driver.current_url, "the token stayed in the address: " + driver.current_url
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == args.lang
        if args.screenshots:
            driver.save_screenshot(os.path.join(args.screenshots, "overview-%s.png" % args.lang))

        # A person who never used a terminal: the overview's first link.
        driver.find_element(By.CSS_SELECTOR, "p.callout a.go").click()
        incident = driver.current_url.rstrip("/").split("/")[-1]
        seen["incident"] = incident
        before = page_counts(driver, By)
        before_cli = cli_counts(args.binary, args.index, incident, args.lang)
        assert before == before_cli, "before recording: page %r, command line %r" % (before, before_cli)

        rows = driver.find_elements(By.CSS_SELECTOR, "table.people tbody tr")
        fresh = [r for r in rows if r.find_elements(By.CSS_SELECTOR, ".status-none")]
        ticked = []
        for row in fresh[:3]:
            box = row.find_element(By.CSS_SELECTOR, "input[type=checkbox]")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
            box.click()
            ticked.append(box.get_attribute("value"))
        assert len(ticked) == 3, "fewer than three people without a follow-up"
        Select(driver.find_element(By.CSS_SELECTOR, "select[name=status]")).select_by_value("deleted")
        driver.find_element(By.CSS_SELECTOR, "input[name=note]").send_keys("e2e " + args.lang)
        driver.find_element(By.CSS_SELECTOR, "form.followup button[type=submit]").click()
        for _ in range(100):
            if driver.find_elements(By.CSS_SELECTOR, "p.done"):
                break
            time.sleep(0.1)
        assert driver.find_elements(By.CSS_SELECTOR, "p.done"), "no confirmation after recording"
        after = page_counts(driver, By)
        after_cli = cli_counts(args.binary, args.index, incident, args.lang)
        trail = driver.find_element(By.CSS_SELECTOR, "table.trail").text
        seen.update(before=before, after=after, before_cli=before_cli, after_cli=after_cli, ticked=ticked)
        # Each confirmed deletion leaves one fewer recipient holding the
        # message; the exposure pairs fall with it. The people count falls
        # only once nobody who saw an address still holds it (PPC Q&A 6-1).
        assert before["recipients_unconfirmed"] - after["recipients_unconfirmed"] == 3, \
            "recipients without a confirmed deletion: %r before, %r after" % (before, after)
        assert after["pairs_unconfirmed"] < before["pairs_unconfirmed"], "pairs did not fall"
        assert after["people_unconfirmed"] <= before["people_unconfirmed"]
        assert after_cli == after, "after recording: page %r, command line %r" % (after, after_cli)
        for address in ticked:
            assert address in trail, address + " missing from the trail"
        if args.screenshots:
            driver.execute_script("window.scrollTo(0, 0);")
            driver.save_screenshot(os.path.join(args.screenshots, "incident-%s.png" % args.lang))
            driver.execute_script("document.getElementById('people').scrollIntoView();")
            driver.save_screenshot(os.path.join(args.screenshots, "incident-%s-people.png" % args.lang))
            driver.execute_script("document.getElementById('trail').scrollIntoView();")
            driver.save_screenshot(os.path.join(args.screenshots, "incident-%s-trail.png" % args.lang))
        seen["ok"] = True
        print(json.dumps(seen, ensure_ascii=False))
        return 0
    except AssertionError as failure:
        seen["failure"] = str(failure)
        if driver:
            seen["page"] = driver.current_url + " " + driver.find_element(By.TAG_NAME, "body").text[:300]
        print(json.dumps(seen, ensure_ascii=False))
        return 1
    finally:
        if driver:
            driver.quit()
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        seen["server_exit"] = server.returncode


if __name__ == "__main__":
    sys.exit(main())
