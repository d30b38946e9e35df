// A multilingual project: English, Chinese and Japanese (no spaces between words; Japanese mixes Kana and Kanji),
// Arabic and Hebrew (right to left) and emoji (astral characters, two UTF-16 units each) in one training set. Entities come back at exact UTF-16 offsets, and the
// classifier tells the topics apart in every language. The set is small and generated from templates, so the
// figures say that the engine works across scripts, not how well it does on real text.
import assert from 'node:assert/strict';
import { recognizeEntities, trainEntityRecognizer } from '../../../src/service/engine/entityRecognizer';
import type { RegionText } from '../../../src/service/engine/entityRecognizer';
import { evaluateEntities, evaluateSingleLabel } from '../../../src/service/engine/evaluation';
import type { EntityOutcome } from '../../../src/service/engine/evaluation';
import { createRandom } from '../../../src/service/engine/random';
import { classProbabilities, decideClasses, trainTextClassifier } from '../../../src/service/engine/textClassifier';
import { tokenize } from '../../../src/service/engine/tokenize';
import { loadModel, serializeModel } from '../../../src/service/engine/trainer';

type Language = 'en' | 'zh' | 'ja' | 'ar' | 'he';
const LANGUAGES: Language[] = ['en', 'zh', 'ja', 'ar', 'he'];
/** Scripts written without spaces between words. */
const UNSPACED: ReadonlySet<Language> = new Set(['zh', 'ja']);
const random = createRandom(7);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

// Each template: text before the amount, between amount and date, after the date.
const CONTRACT: Record<Language, [string, string, string][]> = {
  en: [
    ['The borrower shall repay ', ' no later than ', ' to the lender.'],
    ['A fee of ', ' is due on ', ', as agreed 🤝.'],
    ['📄 Payment of ', ' must arrive before ', '.'],
  ],
  zh: [
    ['借款人应偿还', '，最迟于', '前付清。'],
    ['📄 手续费为', '，应于', '支付。'],
    ['双方同意支付', '，日期为', '。'],
  ],
  ja: [
    ['借り手は', 'を', 'までに返済する。'],
    ['📄 手数料は', 'で、', 'に支払う。'],
    ['双方は', 'を', 'までに支払うことに合意した。'],
  ],
  ar: [
    ['يجب على المقترض سداد ', ' في موعد أقصاه ', ' للمقرض.'],
    ['📄 رسوم قدرها ', ' مستحقة في ', '.'],
    ['يتم دفع ', ' قبل ', ' كما هو متفق عليه.'],
  ],
  he: [
    ['הלווה ישלם ', ' לא יאוחר מיום ', ' למלווה.'],
    ['📄 עמלה בסך ', ' תשולם עד ', '.'],
    ['יש לשלם ', ' לפני ', ' כמוסכם.'],
  ],
};
const AMOUNTS: Record<Language, (n: number) => string> = {
  en: (n) => `$${n},000`,
  zh: (n) => `${n}万元`,
  ja: (n) => `${n}万円`,
  ar: (n) => `${n} ألف دولار`,
  he: (n) => `${n} אלף שקל`,
};
const DATES: Record<Language, (d: number, m: number) => string> = {
  en: (d, m) => `${['March', 'June', 'October'][m % 3] ?? ''} ${d}, 2025`,
  zh: (d, m) => `2025年${m}月${d}日`,
  ja: (d, m) => `2025年${m}月${d}日`,
  ar: (d, m) => `${d} ${['مارس', 'يونيو', 'أكتوبر'][m % 3] ?? ''} 2025`,
  he: (d, m) => `${d} ב${['מרץ', 'יוני', 'אוקטובר'][m % 3] ?? ''} 2025`,
};

function contract(language: Language): RegionText {
  const [before, middle, after] = pick(CONTRACT[language]);
  const amount = AMOUNTS[language](1 + Math.floor(random() * 90));
  const date = DATES[language](1 + Math.floor(random() * 28), 1 + Math.floor(random() * 12));
  const text = `${before}${amount}${middle}${date}${after}`;
  const labels = [
    { category: 'Amount', offset: before.length, length: amount.length },
    { category: 'Date', offset: before.length + amount.length + middle.length, length: date.length },
  ];
  return { text, region: { regionOffset: 0, regionLength: text.length, labels } };
}

const TOPICS: Record<Language, Record<'Sports' | 'Weather', string[]>> = {
  en: {
    Sports: [
      'The team won the match',
      'a late goal decided the final',
      'the striker scored twice',
      'fans cheered the players',
    ],
    Weather: [
      'heavy rain is expected',
      'the storm brings strong wind',
      'sunny skies and warm temperatures',
      'snow falls in the mountains',
    ],
  },
  zh: {
    Sports: ['球队赢得了比赛', '最后一个进球决定了决赛', '前锋打进两球', '球迷为球员欢呼'],
    Weather: ['预计将有大雨', '暴风雨带来强风', '晴朗的天空和温暖的气温', '山区下雪'],
  },
  ja: {
    Sports: [
      'チームが試合に勝った',
      '終盤のゴールが決勝を決めた',
      'フォワードが二得点した',
      'ファンが選手に声援を送った',
    ],
    Weather: ['大雨が予想される', '嵐が強い風をもたらす', '晴れた空と暖かい気温', '山では雪が降る'],
  },
  ar: {
    Sports: ['فاز الفريق بالمباراة', 'هدف متأخر حسم النهائي', 'سجل المهاجم هدفين', 'هتف المشجعون للاعبين'],
    Weather: [
      'من المتوقع هطول أمطار غزيرة',
      'العاصفة تجلب رياحا قوية',
      'سماء مشمسة ودرجات حرارة دافئة',
      'تساقط الثلوج في الجبال',
    ],
  },
  he: {
    Sports: ['הקבוצה ניצחה במשחק', 'שער מאוחר הכריע את הגמר', 'החלוץ כבש פעמיים', 'האוהדים הריעו לשחקנים'],
    Weather: ['צפוי גשם כבד', 'הסערה מביאה רוח חזקה', 'שמיים בהירים וטמפרטורות חמות', 'שלג יורד בהרים'],
  },
};

function topicText(language: Language, topic: 'Sports' | 'Weather'): string {
  const sentences = TOPICS[language][topic];
  const unspaced = UNSPACED.has(language);
  return `${pick(sentences)}${unspaced ? '、' : ', '}${pick(sentences)}${unspaced ? '。' : '.'}`;
}

describe('engine on a multilingual project (English, Chinese, Japanese, Arabic, Hebrew, emoji)', () => {
  it('recognizes entities at exact UTF-16 offsets in every language', () => {
    const training = LANGUAGES.flatMap((l) => Array.from({ length: 30 }, () => contract(l)));
    const model = trainEntityRecognizer(training, ['Amount', 'Date'], 1);
    for (const language of LANGUAGES) {
      const outcomes: EntityOutcome[] = [];
      for (let i = 0; i < 15; i++) {
        const { text, region } = contract(language);
        const found = recognizeEntities(model, text);
        for (const e of found) {
          assert.ok(e.offset >= 0 && e.offset + e.length <= text.length);
          // No entity starts or ends inside a surrogate pair.
          for (const at of [e.offset, e.offset + e.length]) {
            const unit = text.charCodeAt(at);
            assert.ok(!(unit >= 0xdc00 && unit <= 0xdfff), `offset ${at} splits a surrogate pair in ${text}`);
          }
        }
        // Exact offsets: a span found where one was labeled covers the very same text.
        for (const label of region.labels) {
          const same = found.find((e) => e.category === label.category && e.offset === label.offset);
          if (same)
            assert.equal(
              text.slice(same.offset, same.offset + same.length),
              text.slice(label.offset, label.offset + label.length),
            );
        }
        outcomes.push({ expected: region.labels, predicted: found });
      }
      const f1 = evaluateEntities(['Amount', 'Date'], outcomes).microF1;
      console.log(`      ${language}: exact-span micro-F1 ${f1.toFixed(3)} (15 held-out documents)`);
      assert.ok(f1 >= 0.9, `${language}: exact-span micro-F1 ${f1}`);
    }
  });

  it('classifies topics in every language with one model', () => {
    const topics = ['Sports', 'Weather'] as const;
    const make = (language: Language, k: number): { text: string; labels: number[] } => ({
      text: topicText(language, topics[k] ?? 'Sports'),
      labels: [k],
    });
    const training = LANGUAGES.flatMap((l) => Array.from({ length: 30 }, (_, i) => make(l, i % 2)));
    const model = trainTextClassifier(training, [...topics], false, 3);
    for (const language of LANGUAGES) {
      const held = Array.from({ length: 20 }, (_, i) => make(language, i % 2));
      const results = held.map((d) => {
        const p = classProbabilities(model, d.text);
        assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-9);
        return { expected: topics[d.labels[0] ?? 0] ?? '', predicted: topics[decideClasses(model, p)[0] ?? 0] ?? '' };
      });
      const f1 = evaluateSingleLabel([...topics], results).macroF1;
      console.log(`      ${language}: macro-F1 ${f1.toFixed(3)} (20 held-out documents)`);
      assert.ok(f1 >= 0.9, `${language}: macro-F1 ${f1}`);
    }
  });

  it('saves entity models as bio-perceptron-v3; a v2 model keeps splitting Chinese into words', () => {
    const recognizer = trainEntityRecognizer(
      LANGUAGES.flatMap((l) => Array.from({ length: 10 }, () => contract(l))),
      ['Amount', 'Date'],
      1,
    );
    const saved = serializeModel({ kind: 'CustomEntityRecognition', recognizer });
    assert.equal(saved.format, 'bio-perceptron-v3');
    const v2 = loadModel({ ...saved, format: 'bio-perceptron-v2' });
    assert.ok(v2.kind === 'CustomEntityRecognition');
    assert.equal(v2.recognizer.unspaced, 'words');
    assert.equal(serializeModel(v2).format, 'bio-perceptron-v2');
    assert.deepEqual(
      tokenize('于2025年3月15日前付清', 'words').map((t) => t.text),
      ['于', '2025', '年', '3', '月', '15', '日前', '付清'],
    );
    assert.deepEqual(
      tokenize('于2025年3月15日前付清').map((t) => t.text),
      ['于', '2025', '年', '3', '月', '15', '日', '前', '付', '清'],
    );
  });
});
