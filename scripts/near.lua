-- wrk script: /api/v1/programs/near over real ZIP codes across the country (Detroit,
-- Manhattan, Los Angeles, Chicago, Houston, Phoenix, Denver, Atlanta, Seattle, Miami,
-- Anchorage, Honolulu, rural Montana, Boston, Nashville, Kansas City) and radii.
local zips = { "48201", "10001", "90012", "60601", "77002", "85004", "80202", "30303",
               "98101", "33101", "99501", "96813", "59301", "02108", "37203", "64106" }
local radii = { 10, 25, 50, 100, 250 }
local i = 0
request = function()
  i = i + 1
  local zip = zips[(i % #zips) + 1]
  local radius = radii[(i % #radii) + 1]
  return wrk.format("GET", "/api/v1/programs/near?zip=" .. zip .. "&radius_mi=" .. radius .. "&limit=50")
end
