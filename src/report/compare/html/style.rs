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
.rows{table-layout:fixed}.rows td,.rows th{overflow-wrap:anywhere}\
td.mark{font-family:sans-serif;font-size:.8em;color:var(--muted);width:8.5em}\
.rows small{color:var(--muted);font-family:sans-serif;font-size:.75em;margin-right:.4em}\
del{background:var(--del);text-decoration:line-through}\
ins{background:var(--ins);text-decoration:underline;text-underline-offset:2px}\
tr.moved td:not(.mark){background:var(--moved)}tr.unique td:not(.mark){background:var(--unique)}\
tr.boilerplate td{color:var(--muted);font-style:italic}\
tr.current td{outline:2px solid var(--link);outline-offset:-2px}\
.refs{font-family:sans-serif;margin:.6em 0}.refs select{font:inherit;margin-left:.3em;max-width:100%}\
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
.rows td.mark{border:0;width:auto}.rows td:empty{display:none}\
.rows td:not(.mark)::before{display:block;font:600 .75em sans-serif;color:var(--muted)}}\
.chunk{content-visibility:auto;contain-intrinsic-size:auto 20000px}\
@media print{body{margin:0;max-width:none;font-size:10.5pt}a{color:inherit;text-decoration:none}\
thead{display:table-header-group}tr{break-inside:avoid}.chunk{content-visibility:visible}.wide{overflow:visible}.refs label{display:none}\
del::before{content:'[-'}del::after{content:'-]'}ins::before{content:'{+'}ins::after{content:'+}'}}";

/// The page's one enhancement: j/k (or ]c/[c) step through the rows that differ, as in the
/// reader, and the reference selector (hidden without script) switches the body's class.
/// Reading needs none of it.
pub(super) const SCRIPT: &str = "(()=>{const d=document,rows=[...d.querySelectorAll('tr.paraphrase,tr.moved,tr.unique')],\
s=d.getElementById('ref');if(s){s.parentNode.hidden=false;s.onchange=()=>{d.body.className='v'+s.value}}\
let at=-1,pend='';d.addEventListener('keydown',e=>{if(e.ctrlKey||e.metaKey||e.altKey||e.target===s)return;\
let k=e.key;if(k===']'||k==='['){pend=k;return}if(pend&&k==='c')k=pend===']'?'j':'k';pend='';\
if(k!=='j'&&k!=='k'||!rows.length)return;at=k==='j'?Math.min(at+1,rows.length-1):Math.max(at-1,0);\
rows.forEach(r=>r.classList.remove('current'));rows[at].classList.add('current');\
rows[at].scrollIntoView({block:'center'});e.preventDefault()})})();";

/// For a page carrying several references: with `body.vR`, the words changed against R are marked
/// (struck in R's own column, its `nth-child`, underlined elsewhere, bracketed in print), and only the labels and
/// overview of R (class `wR`) show; a run of marks cut into pieces (`jR`, `kR`) is bracketed
/// once. Every mark is a `<del>`/`<ins>` (the default reference's) or
/// a `<span>` with classes `mR` naming the references it is changed against.
pub(super) fn reference_rules(references: &[DocId]) -> String {
    let mut css = String::from(
        ".multi del,.multi ins{background:none;text-decoration:none}.alt{display:none}",
    );
    let mut print = String::from(
        "@media print{.multi del::before,.multi del::after,.multi ins::before,\
         .multi ins::after{content:none}",
    );
    for r in references {
        let r = r.0;
        // The reference's own column (after the markers' column).
        let c = r + 2;
        css.push_str(&format!(
            ".v{r} .w{r}{{display:revert}}\
             .v{r} .m{r}{{background:var(--ins);text-decoration:underline;text-underline-offset:2px}}\
             .v{r} td:nth-child({c}) .m{r}{{background:var(--del);text-decoration:line-through}}"
        ));
        print.push_str(&format!(
            ".v{r} .m{r}::before{{content:'{{+'}}.v{r} .m{r}::after{{content:'+}}'}}\
             .v{r} td:nth-child({c}) .m{r}::before{{content:'[-'}}.v{r} td:nth-child({c}) .m{r}::after{{content:'-]'}}\
             .v{r} td .j{r}.m{r}::before,.v{r} td .k{r}.m{r}::after{{content:none}}"
        ));
    }
    print.push('}');
    css + &print
}

/// On a phone each version's cell is headed by its document's name, from its column's place (so
/// no cell carries it): `[1] Title` as a CSS string, every character but letters, digits and
/// spaces written as an escape.
pub(super) fn column_names(names: &[String]) -> String {
    let mut css = String::from("@media (max-width:700px){");
    for (k, name) in names.iter().enumerate() {
        let mut quoted = String::new();
        for ch in name.chars() {
            if ch.is_alphanumeric() || ch == ' ' {
                quoted.push(ch);
            } else {
                quoted.push_str(&format!("\\{:x} ", u32::from(ch)));
            }
        }
        css.push_str(&format!(
            ".rows td:nth-child({})::before{{content:\"{quoted}\"}}",
            k + 2
        ));
    }
    css.push('}');
    css
}
