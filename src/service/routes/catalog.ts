// Static answers of the global authoring endpoints.

export const TRAINING_CONFIG_VERSION = '2022-05-01';

export const TRAINING_CONFIG_VERSIONS = [
  { trainingConfigVersion: TRAINING_CONFIG_VERSION, modelExpirationDate: '2027-12-31' },
];

const LANGUAGES: [string, string][] = [
  ['English', 'en'],
  ['English (US)', 'en-us'],
  ['English (UK)', 'en-gb'],
  ['French', 'fr'],
  ['Italian', 'it'],
  ['Spanish', 'es'],
  ['German', 'de'],
  ['Portuguese (Brazil)', 'pt-br'],
  ['Portuguese (Portugal)', 'pt-pt'],
  ['Dutch', 'nl'],
  ['Danish', 'da'],
  ['Swedish', 'sv'],
  ['Norwegian', 'nb'],
  ['Finnish', 'fi'],
  ['Polish', 'pl'],
  ['Czech', 'cs'],
  ['Greek', 'el'],
  ['Turkish', 'tr'],
  ['Russian', 'ru'],
  ['Ukrainian', 'uk'],
  ['Arabic', 'ar'],
  ['Hebrew', 'he'],
  ['Hindi', 'hi'],
  ['Japanese', 'ja'],
  ['Korean', 'ko'],
  ['Chinese (Simplified)', 'zh-hans'],
  ['Chinese (Traditional)', 'zh-hant'],
];

export const SUPPORTED_LANGUAGES = LANGUAGES.map(([languageName, languageCode]) => ({ languageName, languageCode }));
