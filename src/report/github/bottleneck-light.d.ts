// Bottleneck's light build (no Redis clustering), which octokit's plugins use, typed as the full one.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
