import { expect, test } from "@playwright/test";
import { addShop, address, outbox, person, signIn, signInAsNewAdmin, signUp } from "./people";
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

// A verified shop invites a listed school: by one e-mail to the address the list gives (the
// outbox holds it; the page never shows the address, and a second e-mail is not offered)
// and by a printable letter; an instructor whose verified address is at the listing's own
// school host then adds the school and is verified at once. With JavaScript on and off, at
// 390 px.
test("a verified shop invites a listed school and its instructor claims it at once", async ({ browser }) => {
  test.setTimeout(150_000);
  const school = institutionForThisProject(74, 76);
  const place = zipAbout20MilesFrom(school);
  const project = test.info().project.name;
  const stamp = `${project} ${Date.now()}`;
  const name = `SYNTHETIC Invited Academy ${stamp}`;
  const listName = `SYNTHETIC invite list ${stamp}`;
  const host = `synthetic-${project}-${Date.now()}.k12.mi.us`;
  const contact = `office@${host}`;
  const header = "name,street,city,state,zip,kinds,level,web_host,nces_id,aef_accredited_until,lat,lon,email";
  const fits = async (page: import("@playwright/test").Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  const admin = await person(browser);
  await signInAsNewAdmin(admin.page);
  await admin.page.goto("/admin/schools/import");
  await admin.page.getByLabel("Name of the list").fill(listName);
  await admin.page.getByLabel("The list (CSV, up to 60 KB)").setInputFiles({
    name: "invite.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${header}\n${name},7 School Rd,${place.city},${school.state},${place.zip},auto,high_school,${host},,,,,${contact}\n`),
  });
  await admin.page.getByRole("button", { name: "Check the list" }).click();
  await admin.page.getByRole("button", { name: "Import these schools" }).click();
  await expect(admin.page.getByRole("status")).toContainText("The list is imported");

  // A shop nearby, verified by the admin.
  const shop = await person(browser);
  const shopEmail = address("inviting-shop");
  const shopName = `SYNTHETIC Inviting Garage ${stamp}`;
  await signUp(shop.page, shopEmail);
  await signIn(shop.page, shopEmail);
  await addShop(shop.page, shopName, { kind: "independent_repair", size: "5-9", city: place.city, state: school.state, zip: place.zip });
  await admin.page.goto("/admin");
  await admin.page.getByRole("button", { name: `Verify ${shopName}` }).click();
  await expect(admin.page.getByRole("status").filter({ hasText: "Verified" })).toBeVisible();

  // From the finder to the listing's page, then the e-mail invitation.
  await shop.page.setViewportSize({ width: 390, height: 844 });
  await shop.page.goto(`/programs?zip=${place.zip}&radius=10`);
  await shop.page.locator("li.listing").filter({ hasText: name }).getByRole("link", { name }).click();
  await expect(shop.page).toHaveURL(/\/schools\/listings\/\d+$/);
  const listingPath = new URL(shop.page.url()).pathname;
  await expect(shop.page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(shop.page.locator(".listing-page")).toContainText(`From ${listName}, line 2.`);
  await expect(shop.page.locator(".listing-page")).toContainText("Not yet on Bayline.");
  await expect(shop.page.locator(".listing-invite")).toContainText("The list gives an address for this school");
  await fits(shop.page);
  await shop.page.getByRole("button", { name: `Invite by e-mail as ${shopName}` }).click();
  await expect(shop.page.getByRole("status")).toContainText("Invitation sent");
  await expect(shop.page.locator(".shop-invite")).toContainText("Invited by your shop on");
  await expect(shop.page.locator(".invited-count")).toHaveText("1 shop has invited this school to Bayline.");
  await expect(shop.page.getByRole("button", { name: /Invite by e-mail/ })).toHaveCount(0);
  expect(await shop.page.content()).not.toContain(contact);
  const mails = outbox().filter((m) => m.recipient === contact);
  expect(mails).toHaveLength(1);
  expect(mails[0].subject).toBe(`${shopName} invites ${name} to Bayline`);
  const id = listingPath.split("/").pop();
  expect(mails[0].body).toContain(`/schools/high-school?listing=${id}`);
  expect(mails[0].body).toContain(listName);

  // The printable letter, with the claim address written out.
  await shop.page.getByRole("button", { name: "Print a letter" }).click();
  await expect(shop.page).toHaveURL(new RegExp(`${listingPath}/letter\\?shop=\\d+$`));
  const letter = shop.page.locator("article.letter");
  await expect(letter).toContainText(shopName);
  await expect(letter).toContainText("7 School Rd");
  await expect(letter.locator(".claim-url")).toContainText(`/schools/high-school?listing=${id}`);
  await fits(shop.page);
  await shop.page.emulateMedia({ media: "print" });
  await expect(shop.page.locator(".site-header")).toBeHidden();
  await shop.page.emulateMedia({ media: "screen" });

  // The instructor, with a verified address at the listing's own host, is verified at once.
  const teacher = await person(browser);
  const instructor = address("listing-claimer", host);
  await signUp(teacher.page, instructor);
  await signIn(teacher.page, instructor);
  await teacher.page.setViewportSize({ width: 390, height: 844 });
  await teacher.page.goto(listingPath);
  await fits(teacher.page);
  await teacher.page.getByRole("link", { name: "Teach here? Add this school to Bayline" }).click();
  await expect(teacher.page.locator(".hint").filter({ hasText: host })).toContainText("verified at once");
  await teacher.page.locator("form[action='/schools/high-school']").getByRole("button", { name: "Add program" }).click();
  await expect(teacher.page.getByRole("status")).toContainText("Verified: your email address is at the school's own web host");
  await shop.page.goto(listingPath);
  await expect(shop.page.locator(".listing-status")).toContainText("This school is on Bayline");
  await expect(shop.page.locator(".listing-status").getByRole("link", { name })).toBeVisible();
  await expect(shop.page.locator(".listing-invite")).toHaveCount(0);
});
