import { expect, test } from "@playwright/test";
import { address, person, signIn, signInAsNewAdmin, signUp } from "./people";
import { institutionForThisProject, zipAbout20MilesFrom } from "./places";
import { noJs } from "./support";

// An admin imports a SYNTHETIC school list through /admin/schools/import: a list with a
// mistake is refused with its line and nothing is imported; the corrected list's preview
// says what it adds; after importing, the program finder near its ZIP code counts the school
// apart from the programs, saying which list it came from. With JavaScript on and off. The
// ZIP centroids are real GeoNames rows.

test("an admin imports a school list and the finder shows its school as not yet on Bayline", async ({ browser }) => {
  test.setTimeout(120_000);
  const school = institutionForThisProject(70, 72);
  const place = zipAbout20MilesFrom(school);
  const stamp = `${test.info().project.name} ${Date.now()}`;
  const name = `SYNTHETIC Career Center ${stamp}`;
  const listName = `SYNTHETIC county list ${stamp}`;
  const header = "name,street,city,state,zip,kinds,level,web_host,nces_id,aef_accredited_until,lat,lon";
  const wrongState = school.state === "OH" ? "MI" : "OH";

  const admin = await person(browser);
  await signInAsNewAdmin(admin.page);
  await admin.page.setViewportSize({ width: 390, height: 844 });
  await admin.page.goto("/admin");
  await admin.page.getByRole("link", { name: "Import a school list" }).click();

  // A row whose ZIP code is in another state: refused with its line, nothing imported.
  const upload = async (csv: string) => {
    await admin.page.getByLabel("Name of the list").fill(listName);
    await admin.page.getByLabel("The list (CSV, up to 60 KB)").setInputFiles({
      name: "county.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv),
    });
    await admin.page.getByRole("button", { name: "Check the list" }).click();
  };
  await upload(`${header}\n${name},1 Main St,${place.city},${wrongState},${place.zip},auto;diesel,cte_center,,,,,\n`);
  await expect(admin.page.getByRole("alert")).toContainText("The list is refused: 1 problem to correct");
  await expect(admin.page.getByRole("alert")).toContainText(`county.csv:2: ZIP ${place.zip} is in ${school.state}, not ${wrongState}`);
  await admin.page.getByRole("button", { name: "Start again" }).click();
  await expect(admin.page).toHaveURL(/\/admin\/schools\/import$/);

  // Corrected: the preview says what it adds; importing it.
  await upload(`${header}\n${name},1 Main St,${place.city},${school.state},${place.zip},auto;diesel,cte_center,,,,,\n`);
  await expect(admin.page.locator(".summary")).toHaveText("1 to add, 0 to update, 0 unchanged.");
  await expect(admin.page.getByRole("listitem").filter({ hasText: name })).toBeVisible();
  expect(await admin.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await admin.page.getByRole("button", { name: "Import these schools" }).click();
  await expect(admin.page.getByRole("status")).toContainText("The list is imported");
  await expect(admin.page.getByRole("row").filter({ hasText: listName })).toContainText("1");

  // Anyone finds it in the finder, apart from the programs, with where it came from.
  const visitor = await person(browser);
  await visitor.page.setViewportSize({ width: 390, height: 844 });
  await visitor.page.goto(`/programs?zip=${place.zip}&radius=10&kind=diesel`);
  const listings = visitor.page.locator("section.listings");
  await expect(listings.getByRole("heading")).toContainText("not yet on Bayline");
  const item = listings.locator("li.listing").filter({ hasText: name });
  await expect(item).toContainText("Career and technical center");
  await expect(item).toContainText(`From ${listName}, line 2.`);
  expect(await visitor.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // On the map (with JavaScript; drawn where there are programs: the college is about 20
  // miles away) it is a marker of its own, named as not yet on Bayline.
  if (!noJs()) {
    await visitor.page.goto(`/programs?zip=${place.zip}&radius=25&view=map`);
    await expect(visitor.page.locator(".program-map")).toHaveAttribute("data-ready", "true");
    await expect(visitor.page.locator(".program-map")).toHaveAttribute("data-listings", /^[1-9]/);
    const marker = visitor.page.locator(".listing-marker", { hasText: `${name} (not yet on Bayline)` });
    await expect(marker).toHaveCount(1);
    await marker.focus();
    await visitor.page.keyboard.press("Enter");
    await expect(visitor.page.locator(".leaflet-popup")).toContainText(`From ${listName}, line 2`);
  }
  // The API keeps it apart from the verified programs.
  const api = await visitor.page.request.get("/api/v1/schools?status=verified");
  expect(JSON.stringify(await api.json())).not.toContain(name);

  // An instructor there adds the school from its listing: the form starts from the list's
  // facts; once an admin verifies it, it is a verified program and no longer "not yet".
  const teacher = await person(browser);
  const instructor = address("listing-teacher", "example.org");
  await signUp(teacher.page, instructor);
  await signIn(teacher.page, instructor);
  await teacher.page.setViewportSize({ width: 390, height: 844 });
  await teacher.page.goto(`/programs?zip=${place.zip}&radius=10&kind=diesel`);
  await teacher.page.locator("li.listing").filter({ hasText: name }).getByRole("link", { name: "Teach here? Add this school to Bayline" }).click();
  await expect(teacher.page.locator(".notice")).toContainText(`Starting from “${name}” in ${listName}, line 2`);
  const form = teacher.page.locator("form[action='/schools/high-school']");
  await expect(form.getByLabel("Program name")).toHaveValue(name);
  await expect(form.getByLabel("ZIP code")).toHaveValue(place.zip);
  await expect(form.getByLabel("Diesel")).toBeChecked();
  expect(await teacher.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await form.getByRole("button", { name: "Add program" }).click();
  await expect(teacher.page.getByRole("status").filter({ hasText: "An admin will verify it" })).toBeVisible();
  await admin.page.goto("/admin");
  await admin.page.getByRole("button", { name: `Verify ${name}` }).click();
  await expect(admin.page.getByRole("status").filter({ hasText: "Verified" })).toBeVisible();
  await visitor.page.goto(`/programs?zip=${place.zip}&radius=10&kind=diesel`);
  await expect(visitor.page.locator("#school-results").getByRole("link", { name })).toBeVisible();
  await expect(visitor.page.locator("li.listing").filter({ hasText: name })).toHaveCount(0);
});
