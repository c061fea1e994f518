// Expression cases by category: operators and numbers, strings and templates, every built-in
// function with its type rules and its errors, conversions, unification, collections and for
// expressions. Each is evaluated as an output of a configuration whose locals are PREAMBLE_LOCALS.

/** Locals every expression case may use. */
export const PREAMBLE_LOCALS: Record<string, unknown> = {
  s: 'hello',
  n: 42,
  f: 3.5,
  b: true,
  l: ['a', 'b', 'c'],
  nl: [1, 2, 3],
  m: { a: 1, b: 2 },
  sm: { x: 'one', y: 'two' },
  o: { name: 'x', size: 2, tags: ['t'] },
  st: '${toset(["b", "a", "b"])}',
  nst: '${toset([3, 1, 2])}',
  mixed: [1, 'a', true],
  nested: [[1, 2], [3]],
  empty: [],
  emptym: {},
  nul: null,
  objs: [{ name: 'a', v: 1 }, { name: 'b', v: 2 }],
  ml: '${tomap({ a = "1", b = "2" })}',
  ll: '${tolist(["x", "y"])}',
  big: '${123456789012345678901234567890}',
};

const operators = [
  '1 + 2', '0.1 + 0.2', '123456789 * 987654321', '1e300 * 1e300', '1 / 3', '2 / 3', '10 / 4', '7 % 3', '-7 % 3', '7.5 % 2',
  '5 - 8', '-local.n', '2 * 0.1', '0.1 * 3', '1e20', '1e-7', '1.5e3', '1 / 0', '0 / 0', '1 % 0', '"3" + 4', '"a" + 1', 'true + 1',
  '1 == 1.0', '"1" == 1', '1 < 2', '"2" < 10', '"a" < "b"', 'true && false', 'true || "x"', '!true', '!"true"', '!1',
  '1 == "1"', '[1] == [1]', '[1] == tolist([1])', 'tolist([1]) == tolist(["1"])', '{a = 1} == {a = 1}', 'local.st == toset(["a", "b"])',
  'local.st == ["a", "b"]', 'null == null', 'local.nul == null', 'true ? 1 : "a"', 'false ? 1 : "a"', 'true ? [1] : ["a"]',
  'true ? {a = 1} : {b = 2}', 'true ? [] : [1]', 'true ? null : 1', 'true ? 1 : null', 'true ? local.l : []', 'false ? local.l : local.nl',
  '"x" ? 1 : 2', 'null ? 1 : 2', 'true ? tolist([1]) : toset([1])', 'true ? {a = 1} : {a = "x"}', 'true ? {a = 1} : {a = [1]}',
  '0.30000000000000004', '9007199254740993', '9007199254740993 + 0', '18446744073709551616 * 2', '1e400', '-0', '0.1 + 0.7',
  '100000000000000000000000 / 3', '3 * (1 / 3)', '2.5 * 2', '1.1 * 1.1', '4 / 2', '4 - 0.5', '(1 + 2) * 3', '1 + 2 * 3', '-(3 % 2)',
  '0.000001 * 0.000001', '99999999999999999999 + 1', '1 > "x"', '1 < null', 'local.n / 7', 'local.f * 2', 'local.big + 1', 'local.big * local.big',
];

const templates = [
  '"${local.s}-${local.n}"', '"${local.f}"', '"${1 / 3}"', '"${0.1 + 0.2}"', '"${true}"', '"${null}"', '"${local.l}"', '"x${local.nul}"',
  '"%{ for x in local.l }${x},%{ endfor }"', '"%{ if local.b }yes%{ else }no%{ endif }"', '"%{ for k, v in local.m }${k}=${v};%{ endfor }"',
  '"%{ if "true" }a%{ endif }"', '"%{ if 1 }a%{ endif }"', '"a\\nb"', '"$${x}"', '"%%{x}"', '"${123456789 * 987654321}"', '"${1e300 * 1e300}"',
  '"${pow(2, 100)}"', '"${local.big}"', '"%{ for i, x in local.l }${i}:${x} %{ endfor }"', '"${local.m}"', '"${local.st}"', '"é${"ü"}"',
  '"${  local.s  }"', '"${local.s}${local.s}"', '"%{ for x in local.st }${x}%{ endfor }"', '"%{ for x in local.nul }${x}%{ endfor }"',
  'templatestring("Hello, $${name}", { name = "x" })', '"a %{~ if true ~} b %{~ endif ~} c"',
];

const collections = [
  'local.l[0]', 'local.l[3]', 'local.l[-1]', 'local.l["1"]', 'local.l[1.5]', 'local.m["a"]', 'local.m.a', 'local.m["z"]', 'local.o.name', 'local.o.missing',
  'local.objs[*].name', 'local.objs.*.name', 'local.o[*].name', 'local.nul[*]', 'local.s[*]', 'local.nested[0][1]', 'local.st[0]',
  '[for x in local.l : upper(x)]', '{for x in local.l : x => upper(x)}', '[for i, x in local.l : "${i}${x}"]', '{for k, v in local.m : v => k}',
  '[for x in local.nl : x if x > 1]', '{for x in ["a", "a", "b"] : x => x...}', '{for x in ["a", "a"] : x => x}', '[for x in local.st : x]',
  '[for x in local.m : x]', '{for k, v in local.sm : k => v}', '[for x in local.nul : x]', '[for x in "abc" : x]', '[for x in local.mixed : x]',
  '{for x in local.nl : x => x * 2}', '[for k, v in local.o : k]', '{for x in local.nl : "k" => x...}', '[for x in [] : x]', '{for x in [] : x => x}',
  '[1, "a", true]', '[]', '{}', '{a = 1, b = "x"}', '{"a b" = 1}', '{(local.s) = 1}', '{a = 1, a = 2}', '[[], [1]]', '[null]', '[local.nul, 1]',
  'local.mixed', 'local.nested', 'local.objs', 'local.st', 'local.nst', 'local.ml', 'local.ll', 'local.empty', 'local.emptym', 'local.nul',
  '{a = [1], b = ["x"]}', '[{a = 1}, {a = "x"}]', '[{a = 1}, {b = 1}]', 'tolist([{a = 1}, {a = "x"}])', 'tolist([{a = 1}, {b = 1}])',
];

/** Every built-in function: calls that succeed, calls that convert, calls that fail. */
const functions: Record<string, string[]> = {
  abs: ['abs(-3)', 'abs(2.5)', 'abs("-4")', 'abs("x")', 'abs(null)', 'abs(-0.1)'],
  ceil: ['ceil(1.2)', 'ceil(-1.2)', 'ceil("3.1")', 'ceil(5)', 'ceil(1e30 + 0.5)'],
  floor: ['floor(1.8)', 'floor(-1.2)', 'floor("2.7")', 'floor(1e20)', 'floor(true)'],
  log: ['log(16, 2)', 'log(100, 10)', 'log(1, 10)', 'log(0, 10)', 'log(8, 2)', 'log(-1, 10)'],
  max: ['max(1, 2.5, -3)', 'max()', 'max(1)', 'max("3", 2)', 'max(local.nl...)', 'max([1, 2]...)', 'max("a", 1)'],
  min: ['min(1, 2.5, -3)', 'min()', 'min("3", 2)', 'min(local.nl...)', 'min(0.1, 0.2)'],
  parseint: ['parseint("100", 10)', 'parseint("FF", 16)', 'parseint("-1010", 2)', 'parseint("zz", 36)', 'parseint("12", 1)', 'parseint("12", 37)',
    'parseint("x", 10)', 'parseint("123456789012345678901234567890", 10)', 'parseint("ffffffffffffffffffffffff", 16)', 'parseint("1.5", 10)', 'parseint(15, 10)'],
  pow: ['pow(2, 100)', 'pow(3, 2)', 'pow(2, -1)', 'pow(2, 0.5)', 'pow(0, 0)', 'pow(-8, 1 / 3)', 'pow(10, 20)', 'pow(2, 53) + 1'],
  signum: ['signum(-5)', 'signum(0)', 'signum(3.2)', 'signum("-2")'],
  chomp: ['chomp("a\\n")', 'chomp("a\\r\\n")', 'chomp("a\\n\\n")', 'chomp("a")', 'chomp(1)'],
  endswith: ['endswith("hello", "lo")', 'endswith("hello", "")', 'endswith("a", "ba")', 'endswith(1, 1)'],
  startswith: ['startswith("hello", "he")', 'startswith("hello", "")', 'startswith("", "a")', 'startswith(12, 1)'],
  strcontains: ['strcontains("hello", "ell")', 'strcontains("hello", "x")', 'strcontains("", "")', 'strcontains(123, 2)'],
  format: ['format("%d", 3)', 'format("%s-%s", "a", 1)', 'format("%.2f", 3.14159)', 'format("%5d|%-5d|", 3, 4)', 'format("%q", "x")', 'format("%v", [1, 2])',
    'format("%t", true)', 'format("%x %X %o %b", 255, 255, 8, 5)', 'format("%e", 1234.5)', 'format("%d", 1.5)', 'format("%d")', 'format("%%")',
    'format("%s", null)', 'format("%[2]s %[1]s", "a", "b")', 'format("%*d", 3, 4)', 'format("%v", {a = 1})', 'format("%s", [1])', 'format("%g", 0.000001)',
    'format("%.3s", "abcdef")', 'format("%08.3f", 3.14159)', 'format("%+d", 5)', 'format("%d", "12")', 'format("%s")', 'format("%v", null)', 'format("%#v", "a")'],
  formatlist: ['formatlist("%s-%s", ["a", "b"], "x")', 'formatlist("%s", [])', 'formatlist("%s=%s", ["a"], ["b", "c"])', 'formatlist("%d", [1, 2])',
    'formatlist("%s", "a")', 'formatlist("%s-%s", local.l, local.l)'],
  indent: ['indent(2, "a\\nb")', 'indent(0, "a")', 'indent(2, "a\\n\\nb")', 'indent(-1, "a")', 'indent("2", "x\\ny")'],
  join: ['join(",", ["a", "b"])', 'join(",", [])', 'join(",", [1, true])', 'join(",", ["a"], ["b", "c"])', 'join(",")', 'join(",", [null])',
    'join(",", local.st)', 'join(",", [[1]])'],
  lower: ['lower("ÀBC")', 'lower(1)', 'lower("")'],
  upper: ['upper("àbc")', 'upper(true)', 'upper("ß")'],
  regex: ['regex("[a-z]+", "123abc456")', 'regex("(\\\\d+)-(\\\\d+)", "10-20")', 'regex("(?P<y>\\\\d+)", "2019")', 'regex("x", "abc")',
    'regex("(", "a")', 'regex("^$", "")', 'regex("(a)?b", "b")'],
  regexall: ['regexall("[a-z]+", "a1b2")', 'regexall("x", "abc")', 'regexall("(\\\\d)(\\\\w)", "1a2b")', 'regexall("(?P<n>\\\\d)", "12")'],
  replace: ['replace("hello", "l", "L")', 'replace("hello", "/l+/", "L")', 'replace("a-b", "/(\\\\w)-(\\\\w)/", "$2-$1")', 'replace("x", "", "y")',
    'replace("abc", "/[/", "x")', 'replace(1, 1, 2)', 'replace("aaa", "/a/", "$0$0")'],
  split: ['split(",", "a,b,c")', 'split(",", "")', 'split("", "abc")', 'split(",", "a,,b")', 'split(1, "1a1")'],
  strrev: ['strrev("abc")', 'strrev("")', 'strrev("héllo")', 'strrev(12)'],
  substr: ['substr("hello", 1, 3)', 'substr("hello", -3, 2)', 'substr("hello", 0, -1)', 'substr("hello", 10, 1)', 'substr("hello", 2, 100)',
    'substr("héllo", 1, 2)', 'substr("hello", -10, 2)', 'substr("abc", 1.5, 1)'],
  title: ['title("hello world")', 'title("HELLO")', 'title("a-b c_d")', 'title(1)'],
  trim: ['trim("?!hello?!", "!?")', 'trim("aaa", "a")', 'trim("xy", "")'],
  trimprefix: ['trimprefix("helloworld", "hello")', 'trimprefix("x", "y")', 'trimprefix("aa", "a")'],
  trimsuffix: ['trimsuffix("helloworld", "world")', 'trimsuffix("x", "")', 'trimsuffix("aa", "a")'],
  trimspace: ['trimspace("  a b \\n")', 'trimspace("")', 'trimspace(1)'],
  alltrue: ['alltrue([true, true])', 'alltrue([])', 'alltrue([true, false])', 'alltrue(["true"])', 'alltrue([1])', 'alltrue(local.nul)', 'alltrue([null])'],
  anytrue: ['anytrue([false, true])', 'anytrue([])', 'anytrue(["false"])', 'anytrue([0])', 'anytrue([null, true])'],
  chunklist: ['chunklist(["a", "b", "c"], 2)', 'chunklist([], 2)', 'chunklist(["a"], 0)', 'chunklist(["a"], -1)', 'chunklist([1, "a"], 1)',
    'chunklist(local.st, 1)', 'chunklist("a", 1)'],
  coalesce: ['coalesce("", "a")', 'coalesce(null, 1)', 'coalesce(1, "a")', 'coalesce(null, null)', 'coalesce([], [1])', 'coalesce("", "")',
    'coalesce(true, "x")', 'coalesce()', 'coalesce(local.l, local.nl)', 'coalesce(null, "", "b")', 'coalesce({a = 1}, {b = 2})'],
  coalescelist: ['coalescelist([], ["a"])', 'coalescelist(["x"], [1])', 'coalescelist([], [])', 'coalescelist("a", ["b"])', 'coalescelist(null, ["a"])',
    'coalescelist(tolist([]), ["z"])'],
  compact: ['compact(["a", "", "b", null])', 'compact([])', 'compact([1, "", 2])', 'compact(["a", ""])', 'compact(local.st)', 'compact([[1]])'],
  concat: ['concat(["a"], ["b"])', 'concat(["a"], [1])', 'concat()', 'concat([], [])', 'concat("a", ["b"])', 'concat(local.st, ["z"])',
    'concat(tolist(["a"]), tolist([1]))', 'concat(local.l, local.nl)'],
  contains: ['contains(["a", "b"], "a")', 'contains(["a"], "c")', 'contains([1, 2], "1")', 'contains(["1"], 1)', 'contains(local.st, "a")',
    'contains([], 1)', 'contains("a", "a")', 'contains([{a = 1}], {a = 1})'],
  distinct: ['distinct(["a", "b", "a"])', 'distinct([1, "1"])', 'distinct([])', 'distinct([[1], [1]])', 'distinct(local.st)'],
  element: ['element(["a", "b"], 1)', 'element(["a", "b"], 3)', 'element(["a", "b"], -1)', 'element([], 0)', 'element(["a", 1], 1)', 'element(local.st, 0)',
    'element(["a"], 1.5)'],
  flatten: ['flatten([["a"], ["b", ["c"]]])', 'flatten([])', 'flatten([[], [1]])', 'flatten(["a", ["b"]])', 'flatten([[1], ["a"]])', 'flatten("a")',
    'flatten([local.st])', 'flatten([null])'],
  index: ['index(["a", "b"], "b")', 'index(["a"], "z")', 'index([1, 2], "2")', 'index([], 1)', 'index(local.st, "a")'],
  keys: ['keys({b = 1, a = 2})', 'keys({})', 'keys(local.ml)', 'keys(["a"])', 'keys(local.o)'],
  values: ['values({b = 1, a = 2})', 'values({a = 1, b = "x"})', 'values({})', 'values(local.ml)', 'values([1])'],
  length: ['length("héllo")', 'length([1, 2])', 'length({a = 1})', 'length(local.st)', 'length(1)', 'length(null)', 'length("👍🏽")', 'length("")'],
  lookup: ['lookup({a = 1}, "a")', 'lookup({a = 1}, "b", 0)', 'lookup({a = 1}, "b")', 'lookup({a = "x"}, "b", 1)', 'lookup({a = 1, b = "x"}, "a", null)',
    'lookup(local.ml, "a", "z")', 'lookup([], "a", 1)', 'lookup({a = [1]}, "b", [])'],
  matchkeys: ['matchkeys(["a", "b"], ["x", "y"], ["y"])', 'matchkeys(["a"], ["x", "y"], ["y"])', 'matchkeys([1, 2], [1, 2], [2])', 'matchkeys([], [], [])'],
  merge: ['merge({a = 1}, {b = 2})', 'merge({a = 1}, {a = "x"})', 'merge()', 'merge({a = 1}, null)', 'merge(local.ml, {c = "3"})', 'merge(local.ml, {c = 3})',
    'merge({a = 1}, ["b"])', 'merge(local.o, {size = 3})', 'merge({}, {})'],
  one: ['one([])', 'one(["a"])', 'one(["a", "b"])', 'one(local.st)', 'one(toset([]))', 'one(null)', 'one("a")', 'one([null])'],
  range: ['range(3)', 'range(1, 4)', 'range(0, 10, 3)', 'range(5, 1, -2)', 'range(0)', 'range(1, 2, 0)', 'range(0, 1, 0.25)', 'range(1, 4, -1)',
    'range("3")', 'range()'],
  reverse: ['reverse([1, 2, 3])', 'reverse([])', 'reverse(["a", 1])', 'reverse(local.st)', 'reverse("a")'],
  setintersection: ['setintersection(["a", "b"], ["b", "c"])', 'setintersection(["a"], [1])', 'setintersection([1, 2], [2])', 'setintersection(["a"])'],
  setproduct: ['setproduct(["a", "b"], [1, 2])', 'setproduct([], ["a"])', 'setproduct(["a"])', 'setproduct(local.st, ["x"])', 'setproduct()'],
  setsubtract: ['setsubtract(["a", "b"], ["b"])', 'setsubtract([1, 2], ["1"])', 'setsubtract([], [])'],
  setunion: ['setunion(["a"], ["b", "a"])', 'setunion([1], ["a"])', 'setunion([1], [2])', 'setunion([])', 'setunion([[1]], [[2]])'],
  slice: ['slice(["a", "b", "c"], 1, 2)', 'slice(["a"], 0, 2)', 'slice(["a", "b"], 1, 0)', 'slice([], 0, 0)', 'slice(["a", 1], 0, 1)', 'slice(local.st, 0, 1)',
    'slice(["a", "b"], -1, 1)'],
  sort: ['sort(["b", "a", "c"])', 'sort([3, 1, 10])', 'sort([])', 'sort(["b", 1])', 'sort(local.st)', 'sort([[1]])', 'sort([true, false])'],
  sum: ['sum([1, 2, 3])', 'sum([0.1, 0.2])', 'sum([])', 'sum(["1", 2])', 'sum(local.nst)', 'sum(["a"])', 'sum([1, null])'],
  transpose: ['transpose({a = ["1", "2"], b = ["2", "3"]})', 'transpose({})', 'transpose({a = []})', 'transpose({a = [1]})', 'transpose({a = "x"})'],
  zipmap: ['zipmap(["a", "b"], [1, 2])', 'zipmap(["a"], [1, 2])', 'zipmap([], [])', 'zipmap(["a", "b"], [1, "x"])', 'zipmap(["a", "a"], [1, 2])',
    'zipmap([1], ["x"])', 'zipmap(local.st, [1, 2])'],
  base64decode: ['base64decode("aGVsbG8=")', 'base64decode("!!")', 'base64decode("/w==")', 'base64decode("")'],
  base64encode: ['base64encode("hello")', 'base64encode("")', 'base64encode(1)'],
  base64gzip: ['base64gzip("hello")'],
  csvdecode: ['csvdecode("a,b\\n1,2\\n3,4")', 'csvdecode("a,b\\n1")', 'csvdecode("")', 'csvdecode("a\\n")', 'csvdecode("a,a\\n1,2")', 'csvdecode("a,b\\n\\"x,y\\",2")'],
  jsondecode: ['jsondecode("{\\"a\\": 1}")', 'jsondecode("[1, \\"a\\"]")', 'jsondecode("1.5")', 'jsondecode("null")', 'jsondecode("x")', 'jsondecode("{}")',
    'jsondecode("12345678901234567890123")', 'jsondecode("[]")', 'jsondecode("true")', 'jsondecode("\\"s\\"")', 'jsondecode("{\\"a\\": [1, {\\"b\\": null}]}")'],
  jsonencode: ['jsonencode({a = 1, b = [true, null]})', 'jsonencode("x<y>&")', 'jsonencode(0.1 + 0.2)', 'jsonencode(1 / 3)', 'jsonencode(local.st)',
    'jsonencode(null)', 'jsonencode([])', 'jsonencode(local.big)', 'jsonencode("\\u2028")', 'jsonencode(1e300 * 1e300)'],
  textdecodebase64: ['textdecodebase64("aABlAGwAbABvAA==", "UTF-16LE")', 'textdecodebase64("aGk=", "UTF-8")', 'textdecodebase64("aGk=", "nope")'],
  textencodebase64: ['textencodebase64("hello", "UTF-16LE")', 'textencodebase64("hi", "UTF-8")', 'textencodebase64("x", "nope")'],
  urlencode: ['urlencode("a b&c=d/é")', 'urlencode("")', 'urlencode("~-._")'],
  yamldecode: ['yamldecode("a: 1\\nb: [x, y]")', 'yamldecode("- 1\\n- a")', 'yamldecode("")', 'yamldecode("x: yes")', 'yamldecode(": :")', 'yamldecode("1.5")',
    'yamldecode("null")', 'yamldecode("a: &x 1\\nb: *x")'],
  yamlencode: ['yamlencode({a = 1, b = ["x", true]})', 'yamlencode("x")', 'yamlencode([])', 'yamlencode(null)', 'yamlencode({a = {b = "c: d"}})'],
  abspath: ['abspath("/a/b/../c")'],
  dirname: ['dirname("/a/b/c")', 'dirname("a")', 'dirname("")'],
  basename: ['basename("/a/b/c.txt")', 'basename("a/")', 'basename("")'],
  pathexpand: ['pathexpand("/x")'],
  formatdate: ['formatdate("YYYY-MM-DD", "2024-01-02T03:04:05Z")', 'formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z")',
    'formatdate("EEEE, h:mmaa", "2018-01-02T23:12:01-08:00")', 'formatdate("YYYY", "nope")', 'formatdate("\'T\' HH", "2018-01-02T23:12:01Z")'],
  timeadd: ['timeadd("2024-01-01T00:00:00Z", "1h30m")', 'timeadd("2024-01-01T00:00:00Z", "-24h")', 'timeadd("x", "1h")', 'timeadd("2024-01-01T00:00:00Z", "1d")'],
  timecmp: ['timecmp("2024-01-01T00:00:00Z", "2024-01-01T01:00:00+01:00")', 'timecmp("2024-01-02T00:00:00Z", "2024-01-01T00:00:00Z")', 'timecmp("x", "y")'],
  md5: ['md5("hello")', 'md5("")', 'md5(1)'],
  sha1: ['sha1("hello")'],
  sha256: ['sha256("hello")', 'sha256("é")'],
  sha512: ['sha512("hello")'],
  base64sha256: ['base64sha256("hello")'],
  base64sha512: ['base64sha512("hello")'],
  uuid: ['length(uuid())'],
  uuidv5: ['uuidv5("dns", "www.terraform.io")', 'uuidv5("url", "https://x")', 'uuidv5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "a")', 'uuidv5("bad", "a")'],
  bcrypt: ['length(bcrypt("x"))'],
  cidrhost: ['cidrhost("10.0.0.0/8", 5)', 'cidrhost("10.0.0.0/24", -1)', 'cidrhost("10.0.0.0/30", 5)', 'cidrhost("fd00::/64", 10)', 'cidrhost("x", 1)'],
  cidrnetmask: ['cidrnetmask("172.16.0.0/12")', 'cidrnetmask("fd00::/64")', 'cidrnetmask("10.0.0.0/33")'],
  cidrsubnet: ['cidrsubnet("10.0.0.0/16", 8, 2)', 'cidrsubnet("10.0.0.0/16", 20, 0)', 'cidrsubnet("fd00::/56", 8, 255)', 'cidrsubnet("10.0.0.0/16", 2, 4)',
    'cidrsubnet("10.1.2.3/16", 8, 1)'],
  cidrsubnets: ['cidrsubnets("10.0.0.0/16", 4, 4, 8)', 'cidrsubnets("10.0.0.0/16")', 'cidrsubnets("10.0.0.0/30", 4)', 'cidrsubnets("fd00::/56", 8, 16)',
    'cidrsubnets("10.0.0.0/8", 8, 4, 8)'],
  tobool: ['tobool("true")', 'tobool(true)', 'tobool("yes")', 'tobool(null)', 'tobool(1)'],
  tonumber: ['tonumber("1.5")', 'tonumber("0x10")', 'tonumber(null)', 'tonumber("1e3")', 'tonumber(true)', 'tonumber(" 1")', 'tonumber("123456789012345678901")'],
  tostring: ['tostring(1.5)', 'tostring(true)', 'tostring(null)', 'tostring([1])', 'tostring(1 / 3)', 'tostring("a")'],
  tolist: ['tolist(["a", 1])', 'tolist(["a", true])', 'tolist([1, true])', 'tolist([[1], ["a"]])', 'tolist(local.st)', 'tolist({a = 1})', 'tolist([])',
    'tolist([{a = 1}, {a = 2, b = 1}])', 'tolist(null)', 'tolist([null, 1])', 'tolist([1, [1]])'],
  toset: ['toset(["b", "a", "b"])', 'toset([1, "1"])', 'toset([2, 10, 1])', 'toset([])', 'toset([true, "x"])', 'toset([[1], [1]])', 'toset("a")',
    'toset([null])', 'toset([1.5, 1, 0.5])'],
  tomap: ['tomap({a = 1, b = "x"})', 'tomap({a = 1, b = true})', 'tomap({})', 'tomap({a = [1], b = ["x"]})', 'tomap({a = 1, b = [1]})', 'tomap(["a"])',
    'tomap({a = null, b = 1})', 'tomap({a = {x = 1}, b = {x = "y"}})', 'tomap({a = {x = 1}, b = {y = 1}})'],
  sensitive: ['nonsensitive(sensitive("x"))', 'length(sensitive([1, 2]))', 'nonsensitive("plain")', 'issensitive(sensitive(1))', 'issensitive("a")'],
  can: ['can(local.m.z)', 'can(local.m.a)', 'can(tonumber("x"))', 'can(1)'],
  try: ['try(local.m.z, "d")', 'try(local.m.a, "d")', 'try(tonumber("x"), tonumber("y"))', 'try(local.o.missing, local.o.name)', 'try(1)'],
  misc: ['ephemeralasnull("x")', 'nosuchfunction(1)', 'upper()', 'upper("a", "b")', 'length([1]...)', 'join(",", local.l...)', 'concat(local.nested...)'],
};

/** Conversions, unification and typed collections. */
const conversions = [
  'tolist(["a", 1, true])', 'toset(["1", 1])', 'tolist([tolist([1]), toset(["a"])])', 'tomap({a = "1", b = 2})', 'tolist([{a = "x"}, {a = 1}])',
  '[for x in [1, "a"] : x]', 'tolist(local.nested)', 'toset(local.l)', 'tolist(local.mixed)', 'tomap(local.m)', 'tomap(local.o)', 'tolist(local.objs)',
  'toset(local.objs)', 'tolist([local.m, {c = 3}])', 'tolist([local.m, {c = "x"}])', 'tostring(local.n)', 'tonumber(local.f)', 'tolist([1, null, "a"])',
  'tomap({a = local.l, b = local.ll})', 'tolist([local.ll, local.l])', 'concat(local.ll, [1])', 'merge(local.m, local.sm)', 'tolist([[], ["a"]])',
  'toset([[], [1]])', 'tolist([{}, {a = 1}])', 'true ? local.ll : local.l', 'false ? local.ml : local.m', 'true ? local.st : local.l',
  'true ? local.nl : local.l', 'false ? "1" : 1', 'true ? local.nul : local.l', 'true ? [1, "a"] : ["b", 2]', 'true ? {a = 1} : tomap({b = "x"})',
];

export interface ExprSpec {
  category: string;
  expr: string;
  sensitive?: boolean;
}

export function expressionSpecs(): ExprSpec[] {
  const out: ExprSpec[] = [];
  for (const expr of operators) out.push({ category: 'operators', expr });
  for (const expr of templates) out.push({ category: 'templates', expr });
  for (const expr of collections) out.push({ category: 'collections', expr });
  for (const [name, exprs] of Object.entries(functions)) for (const expr of exprs) out.push({ category: `function:${name}`, expr });
  for (const expr of conversions) out.push({ category: 'conversions', expr });
  out.push({ category: 'outputs', expr: 'sensitive("x")' });
  out.push({ category: 'outputs', expr: 'sensitive("x")', sensitive: true });
  out.push({ category: 'outputs', expr: 'local.s', sensitive: true });
  out.push({ category: 'outputs', expr: '{a = sensitive(1), b = 2}' });
  out.push({ category: 'outputs', expr: '[sensitive(1)]', sensitive: true });
  return out;
}
