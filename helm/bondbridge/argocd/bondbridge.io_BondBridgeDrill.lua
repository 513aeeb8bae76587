-- Argo CD health of a BondBridgeDrill (argocd-cm: resource.customizations.health.bondbridge.io_BondBridgeDrill).
-- A one-off, like a Job: the operator hands it to one node at a time and writes status.phase,
-- status.done (nodes finished over nodes to drill), status.node and status.message.
--   Healthy:     Succeeded (every node's every port failed over and came back)
--   Degraded:    Failed (a node failed, refused or was skipped: the message says which)
--   Progressing: no status yet, Pending (waiting for its turn), Running
local hs = {}
local status = obj.status
if status == nil or status.phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to start the drill"
  return hs
end
local done = ""
if status.done ~= nil then
  done = " (" .. status.done .. " nodes done)"
end
local message = status.message or ""
if status.phase == "Succeeded" then
  hs.status = "Healthy"
  hs.message = "Succeeded" .. done .. (message ~= "" and (": " .. message) or "")
elseif status.phase == "Failed" then
  hs.status = "Degraded"
  hs.message = "Failed" .. done .. (message ~= "" and (": " .. message) or "")
elseif status.phase == "Pending" or status.phase == "Running" then
  hs.status = "Progressing"
  hs.message = status.phase .. done .. (message ~= "" and (": " .. message) or "")
else
  hs.status = "Unknown"
  hs.message = "Unknown phase " .. tostring(status.phase)
end
return hs
