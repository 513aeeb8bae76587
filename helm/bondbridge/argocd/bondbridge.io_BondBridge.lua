-- Argo CD health of a BondBridge (argocd-cm: resource.customizations.health.bondbridge.io_BondBridge).
-- The operator writes status.observedGeneration and the conditions Ready, Progressing, Degraded and
-- Conflict (each with its own observedGeneration); it never writes the spec.
--   Degraded:    a node failed (the rollout halts), a port is down on a node, or another BondBridge
--                holds a node this one selects
--   Progressing: no status yet, a status older than the spec, or the rollout still going
--   Healthy:     Ready is True for the current generation (also when no node is selected)
-- Nothing in the API pauses a BondBridge, so it is never Suspended.
local hs = {}

local function condition(conditions, kind)
  if conditions == nil then
    return nil
  end
  for _, c in ipairs(conditions) do
    if c.type == kind then
      return c
    end
  end
  return nil
end

local function describe(c, fallback)
  if c ~= nil and c.message ~= nil and c.message ~= "" then
    return c.message
  end
  if c ~= nil and c.reason ~= nil then
    return c.reason
  end
  return fallback
end

local generation = obj.metadata and obj.metadata.generation or nil
local status = obj.status
if status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report on this BondBridge"
  return hs
end
if generation ~= nil and (status.observedGeneration == nil or status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

local conditions = status.conditions
local ready = condition(conditions, "Ready")
local progressing = condition(conditions, "Progressing")
local degraded = condition(conditions, "Degraded")
local conflict = condition(conditions, "Conflict")

-- A condition written for an older generation says nothing about the current spec.
for _, c in ipairs({ready, progressing, degraded, conflict}) do
  if c ~= nil and generation ~= nil and c.observedGeneration ~= nil and c.observedGeneration < generation then
    hs.status = "Progressing"
    hs.message = "Waiting for the operator to update the " .. c.type .. " condition to generation " .. tostring(generation)
    return hs
  end
end

if degraded ~= nil and degraded.status == "True" then
  hs.status = "Degraded"
  hs.message = (degraded.reason or "Degraded") .. ": " .. describe(degraded, "nodes failed or degraded")
  return hs
end
if conflict ~= nil and conflict.status == "True" then
  hs.status = "Degraded"
  hs.message = "Conflict: " .. describe(conflict, "a node is held by another BondBridge")
  return hs
end
if progressing ~= nil and progressing.status == "True" then
  hs.status = "Progressing"
  hs.message = describe(progressing, "Rolling out") .. (status.ready and (" (ready " .. status.ready .. ")") or "")
  return hs
end
if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  if ready.reason == "NoNodesSelected" then
    hs.message = "No node matches the nodeSelector"
  else
    hs.message = "Ready " .. (status.ready or describe(ready, ""))
  end
  return hs
end
if ready ~= nil and ready.status == "False" then
  hs.status = "Progressing"
  hs.message = (ready.reason or "NotReady") .. ": " .. describe(ready, "not all nodes ready")
  return hs
end
hs.status = "Progressing"
hs.message = "Waiting for the operator's conditions"
return hs
