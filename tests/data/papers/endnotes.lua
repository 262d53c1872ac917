-- Footnotes become endnotes: a superscript number where the note was called, and the notes,
-- numbered "1.", "2." ..., under a "Notes" heading at the end of the document.
local notes = {}

local function Note(el)
  table.insert(notes, el.content)
  local n = #notes
  return pandoc.RawInline("latex", "\\textsuperscript{" .. n .. "}")
end

local function Pandoc(doc)
  doc = doc:walk({ Note = Note })
  doc.blocks:insert(pandoc.Header(1, "Notes"))
  for n, blocks in ipairs(notes) do
    local inlines = pandoc.List({ pandoc.Str(n .. "."), pandoc.Space() })
    for i, block in ipairs(blocks) do
      if i > 1 then inlines:insert(pandoc.Space()) end
      inlines:extend(pandoc.utils.blocks_to_inlines({ block }))
    end
    doc.blocks:insert(pandoc.Para(inlines))
  end
  return doc
end

return { { Pandoc = Pandoc } }
