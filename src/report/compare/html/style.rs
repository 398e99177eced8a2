//! The compare page's inline CSS and its one small script, and the rules that switch the marks,
//! labels and overview to another reference when the page carries several.

use crate::document::DocId;

/// The page's fixed style: colours (light and dark), layout at desktop and phone widths, print.
pub(super) const STYLE: &str = ":root{--fg:#1d1d1f;--bg:#fff;--muted:#5f6368;--line:#d0d4d9;\
--head:#f1f3f4;--del:#ffd7d5;--ins:#c8f0cf;--moved:#fff1c2;--unique:#dbeafe;--link:#0b57d0}\
@media (prefers-color-scheme:dark){:root{--fg:#e8eaed;--bg:#17191c;--muted:#a8adb3;\
--line:#3c4043;--head:#25282c;--del:#6b2b2b;--ins:#1f5130;--moved:#4d4019;--unique:#1c3557;\
--link:#8ab4f8}}\
*{box-sizing:border-box}\
body{font:16px/1.5 Georgia,'Times New Roman',serif;margin:1.5em auto;padding:0 1em;\
max-width:1400px;color:var(--fg);background:var(--bg)}\
h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.1em;margin:1.5em 0 .5em;font-family:sans-serif}\
.sub{color:var(--muted);font-family:sans-serif;font-size:.9em;margin:0}\
a{color:var(--link)}\
.wide{overflow-x:auto}\
table{border-collapse:collapse;width:100%}\
th,td{border:1px solid var(--line);padding:.4em .55em;vertical-align:top;text-align:left}\
th{background:var(--head);font-family:sans-serif;font-size:.85em;font-weight:600}\
.stats td{font-family:sans-serif;font-size:.9em}.num{text-align:right}\
.rows{table-layout:fixed}.rows td,.rows th{overflow-wrap:anywhere}.rows thead th:first-child{width:8.5em}\
.rows tbody th{font-weight:400;font-size:.8em;color:var(--muted)}\
tr.u th::before{content:'+ only here'}tr.m th::before{content:'↷ moved, see '}\
tr.b th::before{content:'· boilerplate'}\
.rows td::before,.rows td>b{color:var(--muted);font:.75em sans-serif;margin-right:.4em}\
.rows td>b+b::before,.rows td:not(.g)>b::before{content:'· '}\
s,del{background:var(--del);text-decoration:line-through}\
u,ins{background:var(--ins);text-decoration:underline;text-underline-offset:2px}\
i{font-style:inherit;background:var(--moved);text-decoration:underline dotted;text-underline-offset:2px}\
tr.m td{background:var(--moved)}tr.u td{background:var(--unique)}\
tr.m i{background:none}tr.b td{color:var(--muted);font-style:italic}\
tr.current td{outline:2px solid var(--link);outline-offset:-2px}\
.refs{font-family:sans-serif;margin:.6em 0}.refs select{font:inherit;margin-left:.3em;max-width:min(100%,24em)}\
.strip{display:flex;align-items:center;gap:.5em;margin:.2em 0}.who{font:600 .8em sans-serif;\
width:2.5em}.cells{display:flex;flex:1;min-width:0;height:14px;border:1px solid var(--line)}\
.cells a,.key{flex:1;min-width:0}.key{display:inline-block;width:1em;height:.8em;\
vertical-align:middle;border:1px solid var(--line)}\
.strip .identical,.key.identical{background:var(--line)}\
.strip .reworded,.key.reworded{background:var(--ins)}.strip .moved,.key.moved{background:var(--moved)}\
.strip .only_here,.key.only_here{background:var(--unique)}\
.strip .partial,.key.partial{background:var(--del)}.strip .boilerplate{background:var(--head)}\
.sub .key{margin:0 .2em 0 .6em}\
dl.legend{display:grid;grid-template-columns:max-content 1fr;gap:.3em 1em;font-family:sans-serif;\
font-size:.9em}dl.legend dt{font-weight:600}dl.legend dd{margin:0}\
@media (max-width:700px){body{margin:.5em auto;font-size:15px}\
dl.legend{grid-template-columns:1fr}dl.legend dd{margin:0 0 .4em 1em}\
.rows,.rows tbody,.rows tr,.rows td{display:block;width:auto}.rows thead{display:none}\
.rows tr{border:1px solid var(--line);margin:0 0 .8em}.rows td{border:0;border-top:1px solid var(--line)}\
.rows tbody th{border:0;display:block}.rows td:empty{display:none}\
.rows td::before{display:block;font-weight:600}\
.stats thead{display:none}.stats,.stats tbody,.stats tr{display:block}.stats tr{margin:0 0 .6em}\
.stats td{display:inline-block;border:0;padding:.1em .5em .1em 0;text-align:left}\
.stats td::before{content:attr(data-h) ': ';color:var(--muted)}}\
.chunk{content-visibility:auto;contain-intrinsic-size:auto 20000px}\
@media print{body{margin:0;max-width:none;font-size:10.5pt}a{color:inherit;text-decoration:none}\
thead{display:table-header-group}tr{break-inside:avoid}.chunk{content-visibility:visible}.wide{overflow:visible}.refs label{display:none}\
s::before{content:'[-'}s::after{content:'-]'}u::before{content:'{+'}u::after{content:'+}'}\
i::before{content:'{~'}i::after{content:'~}'}}";

/// The page's one enhancement: j/k (or ]c/[c) step through the rows that differ, as in the
/// reader, and the reference selector (hidden without script) switches the body's class.
/// Reading needs none of it.
pub(super) const SCRIPT: &str = "(()=>{const d=document,rows=[...d.querySelectorAll('tr.p,tr.m,tr.u')],\
s=d.getElementById('ref');if(s){s.parentNode.hidden=false;s.onchange=()=>{d.body.className='v'+s.value}}\
let at=-1,pend='';d.addEventListener('keydown',e=>{if(e.ctrlKey||e.metaKey||e.altKey||e.target===s)return;\
let k=e.key;if(k===']'||k==='['){pend=k;return}if(pend&&k==='c')k=pend===']'?'j':'k';pend='';\
if(k!=='j'&&k!=='k'||!rows.length)return;at=k==='j'?Math.min(at+1,rows.length-1):Math.max(at-1,0);\
rows.forEach(r=>r.classList.remove('current'));rows[at].classList.add('current');\
rows[at].scrollIntoView({block:'center'});e.preventDefault()})})();";

/// For a page carrying several references: with `body.vR`, the words changed against R are marked
/// (struck in R's own column, its `nth-child`, underlined elsewhere, bracketed in print), those
/// moved against R dotted, and only the labels and overview of R (class `wR`) show; a run of
/// marks cut into pieces (`jR`, `kR`) is bracketed once. Every mark is an `<s>`, `<u>` or `<i>`
/// (as the default reference reads it) or a `<span>`, with classes `mR` (changed) and `oR`
/// (moved) naming the references it is marked for (`ma`, `oa`, `ja`, `ka`: for all of them).
pub(super) fn reference_rules(references: &[DocId]) -> String {
    let mut css = String::from(
        ".multi s,.multi u,.multi i{background:none;text-decoration:none}.alt{display:none}",
    );
    let mut print = String::from(
        "@media print{.multi s::before,.multi s::after,.multi u::before,.multi u::after,\
         .multi i::before,.multi i::after{content:none}",
    );
    for r in references {
        let r = r.0;
        // The reference's own column (after the markers' column), and the classes that mark
        // for R: its own or the one for all references.
        let c = r + 2;
        let (m, o, j, k) = (
            format!(":is(.m{r},.ma)"),
            format!(":is(.o{r},.oa)"),
            format!(":is(.j{r},.ja)"),
            format!(":is(.k{r},.ka)"),
        );
        css.push_str(&format!(
            ".v{r} .w{r}{{display:revert}}\
             .v{r} {m}{{background:var(--ins);text-decoration:underline;text-underline-offset:2px}}\
             .v{r} td:nth-child({c}) {m}{{background:var(--del);text-decoration:line-through}}\
             .v{r} {o}{{background:var(--moved);text-decoration:underline dotted}}"
        ));
        print.push_str(&format!(
            ".v{r} {m}::before{{content:'{{+'}}.v{r} {m}::after{{content:'+}}'}}\
             .v{r} td:nth-child({c}) {m}::before{{content:'[-'}}.v{r} td:nth-child({c}) {m}::after{{content:'-]'}}\
             .v{r} {o}::before{{content:'{{~'}}.v{r} {o}::after{{content:'~}}'}}\
             .v{r} td:nth-child(n) {j}::before,.v{r} td:nth-child(n) {k}::after{{content:none}}"
        ));
    }
    print.push('}');
    css + &print
}

/// Per version column: its counter (`cD`, reset by each table, see rows.rs) numbers its
/// sentences, an empty cell counting none; on a phone each cell is headed by its document's name
/// too, from its column's place (so no cell carries it): `[1] Title` as a CSS string, every
/// character but letters, digits and spaces written as an escape.
pub(super) fn columns(names: &[String]) -> String {
    let mut css = String::new();
    let mut phone = String::from("@media (max-width:700px){");
    for (k, name) in names.iter().enumerate() {
        let mut quoted = String::new();
        for ch in name.chars() {
            if ch.is_alphanumeric() || ch == ' ' {
                quoted.push(ch);
            } else {
                quoted.push_str(&format!("\\{:x} ", u32::from(ch)));
            }
        }
        let (n, c) = (k + 2, format!("c{k}"));
        css.push_str(&format!(
            ".rows td:nth-child({n}){{counter-increment:{c}}}\
             .rows td:nth-child({n})::before{{content:'s' counter({c})}}"
        ));
        phone.push_str(&format!(
            ".rows td:nth-child({n})::before{{content:\"{quoted} \\b7  s\" counter({c})}}\
             .rows td.g:nth-child({n})::before{{content:\"{quoted}\"}}"
        ));
    }
    // After the columns' rules, which they override: a merged cell writes its own numbers.
    css.push_str(
        ".rows td:empty{counter-increment:none}.rows td:empty::before{content:none}\
         .rows td.g::before{content:none}",
    );
    phone.push('}');
    css + &phone
}
