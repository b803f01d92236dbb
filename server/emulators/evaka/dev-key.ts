/**
 * The development key pair of the eVaka emulator's Nivala instance: the public half is what that instance's JWKS
 * lists (eVaka reads its JWKS from `evaka.jwt.public_keys_url`); the private half is the dev default of
 * `EVAKA_NIVALA_JWT_KEY` in config/municipalities/nivala.json. For development and tests only: production
 * configures its own key per municipality, from the environment.
 */
import type { JWK } from 'jose';

export const DEV_EVAKA_KID = 'kunta-akkuna-dev';

export const DEV_EVAKA_PUBLIC_JWK: JWK = {
  kid: 'kunta-akkuna-dev',
  use: 'sig',
  kty: 'RSA',
  alg: 'RS256',
  n: 'uOHOh_Dnff1QNmTZlA1HKOVxPir_YdD-K6BlyulAkxpVoabn8wq89AMCdudyO52-iYzUgGO6HSde_BbEt4-Vwc00xbBZoFi6K8Xhjobtq-xBvNSJr8rkornFYQbRJ2831v_rYaX02JaTInf79spRn0-eao2bGHG3dnf3qaGFpJxrufVwHQU5kU-z261KGEAtvMQcHy9focDlKNgIPlWD1KrCaLXvzloOrDHRdypJcpHdw5qxHIG27SvptZA8xUPLXGcs2lgnEGJuHChtsVvYmBijuWkAObvToqd59668nAIELaEqiTJ9MppWKjzG107wfztwDQbyfJEpZ9-qiUrWcw',
  e: 'AQAB',
};
