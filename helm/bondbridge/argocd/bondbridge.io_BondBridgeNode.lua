-- Argo CD health of a BondBridgeNode (argocd-cm: resource.customizations.health.bondbridge.io_BondBridgeNode).
-- One per BondBridge and node, written by the operator; its status is the node agent's view of
-- the host: status.phase and status.observedGeneration.
--   Healthy:     Ready (the host matches the spec, every port up)
--   Degraded:    Degraded (a port down: still working, less redundant), Failed (nothing changed),
--                RolledBack (applied, a probe failed, the host was restored)
--   Progressing: no status yet (no agent has picked it up), a status older than the spec,
--                Pending, Applying, TearingDown
local hs = {}
local status = obj.status
local node = "its node"
if obj.metadata ~= nil and obj.metadata.labels ~= nil and obj.metadata.labels["bondbridge.io/node"] ~= nil then
  node = "node " .. obj.metadata.labels["bondbridge.io/node"]
end
if status == nil or status.phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the agent on " .. node .. " to pick it up"
  return hs
end
local generation = obj.metadata and obj.metadata.generation or nil
if generation ~= nil and (status.observedGeneration == nil or status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the agent on " .. node .. " to act on generation " .. tostring(generation)
  return hs
end

local function detail()
  local parts = {}
  if status.reason ~= nil then
    table.insert(parts, status.reason)
  end
  if status.message ~= nil and status.message ~= "" then
    table.insert(parts, status.message)
  end
  return table.concat(parts, ": ")
end

local phase = status.phase
if phase == "Ready" then
  hs.status = "Healthy"
  local m = "Ready"
  if status.bond ~= nil and status.bond.activePort ~= nil then
    m = m .. ", active port " .. status.bond.activePort
  end
  if status.portsUp ~= nil then
    m = m .. ", ports up " .. status.portsUp
  end
  hs.message = m
elseif phase == "Degraded" then
  hs.status = "Degraded"
  local m = "Ports down"
  if status.portsUp ~= nil then
    m = m .. " (up " .. status.portsUp .. ")"
  end
  local d = detail()
  hs.message = d ~= "" and (m .. ": " .. d) or m
elseif phase == "Failed" or phase == "RolledBack" then
  hs.status = "Degraded"
  local d = detail()
  hs.message = phase .. (d ~= "" and (": " .. d) or "")
elseif phase == "Pending" or phase == "Applying" or phase == "TearingDown" then
  hs.status = "Progressing"
  local d = detail()
  hs.message = phase .. (d ~= "" and (": " .. d) or "")
else
  hs.status = "Unknown"
  hs.message = "Unknown phase " .. tostring(phase)
end
return hs
