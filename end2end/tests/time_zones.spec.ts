import { expect, test } from "@playwright/test";
import { address, signIn, signUp } from "./people";
import { noJs } from "./support";

// Times in the reader's zone, with JavaScript on and off: a browser set to Denver signs a new
// person in; with JavaScript on, the page's script told the server the browser's zone, so
// times read in Mountain time; without it, in US Eastern. The person then chooses Central
// time on /account and every time on the page reads in it, in words, beside the instant.
// The person is SYNTHETIC.

const baseURL = () => `http://127.0.0.1:${process.env.BAYLINE_E2E_PORT ?? "3100"}`;

test("times read in the browser's zone until the person chooses one", async ({ browser }) => {
  const context = await browser.newContext({
    baseURL: baseURL(),
    javaScriptEnabled: !noJs(),
    timezoneId: "America/Denver",
  });
  const page = await context.newPage();
  const email = address("zoned");
  await signUp(page, email);
  await signIn(page, email);
  await page.goto("/account");
  const zone = page.getByRole("region", { name: "Your time zone" });
  await expect(zone).toContainText(noJs() ? "Times on Bayline show in Eastern (New York)." : "Times on Bayline show in Mountain (Denver).");
  const lastUsed = page.locator("time").first();
  await expect(lastUsed).toHaveText(noJs() ? / E[SD]T$/ : / M[SD]T$/);

  await zone.getByLabel("Show times in").selectOption("America/Chicago");
  await zone.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByRole("status")).toContainText("Your time zone is saved");
  await expect(page.getByRole("region", { name: "Your time zone" })).toContainText("Times on Bayline show in Central (Chicago).");
  const when = page.locator("time").first();
  await expect(when).toHaveText(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}, \d{1,2}:\d{2} [ap]m C[SD]T$/);
  expect(await when.getAttribute("datetime")).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  await context.close();
});
