import { expect, Page, test } from "@playwright/test";

// A finder page announces its search's Atom feed in its head and links it beside the
// results; the feed the link names is well-formed Atom holding exactly what the page lists.
// Read on the second test server, whose SYNTHETIC page world has an open need and an open
// opening near ZIP 48201 (the real GeoNames centroid), with JavaScript on and off.
const worldSite = `http://127.0.0.1:${process.env.BAYLINE_E2E_WORLD_PORT ?? "3101"}`;
const ATOM = "http://www.w3.org/2005/Atom";

type Entry = { id: string; title: string; updated: string; published: string; href: string; summary: string };
type Feed = {
  problem: string | null;
  root: string;
  namespace: string | null;
  id: string;
  title: string;
  updated: string;
  self: string[];
  alternate: string[];
  author: string;
  entries: Entry[];
};

/** Parses an Atom document with the browser's own XML parser (not a pattern match). */
async function readFeed(page: Page, xml: string): Promise<Feed> {
  return page.evaluate(
    ([xml, ns]) => {
      const doc = new DOMParser().parseFromString(xml, "application/xml");
      const problem = doc.getElementsByTagName("parsererror")[0]?.textContent ?? null;
      const root = doc.documentElement;
      const children = (el: Element, name: string) =>
        Array.from(el.children).filter((c) => c.namespaceURI === ns && c.localName === name);
      const text = (el: Element, name: string) => children(el, name)[0]?.textContent ?? "";
      const links = (el: Element, rel: string) =>
        children(el, "link")
          .filter((l) => (l.getAttribute("rel") ?? "alternate") === rel)
          .map((l) => l.getAttribute("href") ?? "");
      const author = children(root, "author")[0];
      return {
        problem,
        root: root.localName,
        namespace: root.namespaceURI,
        id: text(root, "id"),
        title: text(root, "title"),
        updated: text(root, "updated"),
        self: links(root, "self"),
        alternate: links(root, "alternate"),
        author: author ? text(author, "name") : "",
        entries: children(root, "entry").map((e) => ({
          id: text(e, "id"),
          title: text(e, "title"),
          updated: text(e, "updated"),
          published: text(e, "published"),
          href: links(e, "alternate")[0] ?? "",
          summary: text(e, "summary"),
        })),
      };
    },
    [xml, ATOM] as const,
  );
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

for (const finder of [
  { path: "/needs", items: "#need-results li[data-need-id]", idAttribute: "data-need-id" },
  { path: "/openings", items: "#opening-results li[data-opening-id]", idAttribute: "data-opening-id" },
]) {
  test(`${finder.path} links the Atom feed of its search, which lists the same results`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${worldSite}${finder.path}?zip=48201`);
    const alternate = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
    await expect(alternate).toHaveCount(1);
    const href = (await alternate.getAttribute("href"))!;
    expect(href).toBe(`${finder.path}.atom?zip=48201`);
    expect(await alternate.getAttribute("title")).toMatch(/within \d+ miles of ZIP 48201/);
    // The same feed, visible beside the results, and the page still fits a phone.
    const follow = page.getByRole("link", { name: "Follow these results (Atom feed)" });
    await expect(follow).toBeVisible();
    await expect(follow).toHaveAttribute("href", href);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);

    const response = await page.request.get(new URL(href, page.url()).toString());
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
    const feed = await readFeed(page, await response.text());
    expect(feed.problem).toBeNull();
    expect([feed.root, feed.namespace]).toEqual(["feed", ATOM]);
    expect(feed.id).not.toBe("");
    expect(feed.title).not.toBe("");
    expect(feed.updated).toMatch(RFC3339);
    expect(feed.author).toBe("Bayline");
    expect(feed.self).toHaveLength(1);
    expect(new URL(feed.self[0]).pathname + new URL(feed.self[0]).search).toMatch(
      new RegExp(`^${finder.path}\\.atom\\?zip=48201&radius=\\d+$`),
    );
    expect(feed.alternate).toHaveLength(1);
    expect(new URL(feed.alternate[0]).pathname).toBe(finder.path);

    const listed = await page.locator(finder.items).evaluateAll(
      (items, attribute) => items.map((item) => item.getAttribute(attribute)!),
      finder.idAttribute,
    );
    expect(listed.length).toBeGreaterThan(0);
    for (const entry of feed.entries) {
      expect(entry.id).not.toBe("");
      expect(entry.title).not.toBe("");
      expect(entry.summary).not.toBe("");
      expect(entry.updated).toMatch(RFC3339);
      expect(entry.published).toMatch(RFC3339);
      expect(new URL(entry.href).pathname).toMatch(new RegExp(`^${finder.path}/\\d+$`));
    }
    const inFeed = feed.entries.map((entry) => new URL(entry.href).pathname.split("/").pop()!);
    expect([...inFeed].sort()).toEqual([...listed].sort());

    // An entry's link opens the item's page.
    await page.goto(feed.entries[0].href);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(feed.entries[0].title);
  });
}

test("a feed without a ZIP code is a 400 that says so", async ({ request }) => {
  const response = await request.get(`${worldSite}/needs.atom`);
  expect(response.status()).toBe(400);
  expect(await response.text()).toMatch(/^zip: /);
});
