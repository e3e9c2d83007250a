"""The facts of the two seed homepages, transcribed independently of content/.

Tests check that each of them reaches the pages a visitor reads.
"""

ZHIMING_BIO = [
    "Zhiming is currently an assistant professor at the Department of Computer Science, "
    "Shanghai University of Finance and Economics.",
    "He obtained his Ph.D. in Computer Science from Shanghai Jiao Tong University in 2020.",
    "He received his B.S. in Computer Science from the ACM Class at Shanghai Jiao Tong "
    "University in 2014.",
    "Zhiming has a broad interest in fundamental techniques and theories of machine learning, "
    "including optimization, generalization, generative models, representation learning, "
    "learning theory, etc. Ultimately, he hopes to contribute to laying a solid foundation for "
    "applying artificial intelligence in the real world.",
]
ZHIMING_LINKS = {
    "CV": "https://raw.githubusercontent.com/ZhimingZhou/zhimingzhou.github.io/master/assets/"
    "Zhiming_Zhou_Resume.pdf",
    "Google Scholar": "https://scholar.google.com/citations?user=b8YJ1EMAAAAJ&hl=en",
    "Github": "https://github.com/ZhimingZhou",
    "Prospective Students": "https://zhimingzhou.github.io/Posts/Prospective-Students/",
    "Shanghai University of Finance and Economics": "http://english.sufe.edu.cn/",
    "Shanghai Jiao Tong University": "http://en.sjtu.edu.cn/",
    "ACM Class": "https://acm.sjtu.edu.cn/home",
}
ZHIMING_HIDDEN_LINK = "https://dblp.org/pid/56/321.html"

ZHANXING_TEXT = [
    "Zhanxing Zhu",
    "Machine learning researcher.",
    "ECS, University of Southampton",
    "Southampton, SO17 1BJ, UK",
    "z.zhu@soton.ac.uk",
    "I am Associate Professor at Vision, Learning and Control Group (VLC), School of Electrical "
    "and Computer Science (ECS), University of Southampton, UK. I am now closely affiliated with "
    "UKRI AI Centre for Doctoral Training in AI for Sustainability. Previously I obtained Ph.D on "
    "machine learning from School of Informatics, University of Edinburgh, UK.",
    "I have been focusing on machine learning, particularly, deep learning, broadly covering its "
    "theory, methodology and application. Together with my students and collaborators, we "
    "attempt to rigorously reveal the underlying mechanism of why deep learning works or not, and "
    "inspired by our theoretical understanding and empirical observation, we develop robust, fast "
    "and generalizable models and algorithms to boost its applicability in various challenging "
    "scenarios and interdisciplinary tasks, e.g. ML4Science. More information is shown in my "
    "Google Scholar profile.",
    # His page's "Research Interests:" heading lists nothing, so the profile lists none.
    "Ph.D Studentships",
    "I’m interested in supervising motivated students in the area of AI and machine learning, "
    "ranging from theory, algorithms and various applications. Please get in touch to discuss the "
    "options and potential topics. You can also check out the UKRI AI Centre for Doctoral "
    "Training in AI for Sustainability which has opportunities for 70 PhD students in the area "
    "of AI and environmental sustainability.",
]

# key, title, authors in order, (equal-contribution authors), venue as printed, year, links
PUBLICATIONS = [
    (
        "fu2024residual",
        "zhiming-zhou",
        "Residual Multi-Task Learner for Applied Ranking",
        [
            "Cong Fu",
            "Kun Wang",
            "Jiahua Wu",
            "Yizhou Chen",
            "Guangda Huzhang",
            "Yabo Ni",
            "Anxiang Zeng",
            "Zhiming Zhou",
        ],
        "ACM SIGKDD Conference on Knowledge Discovery and Data Mining (KDD)",
        2024,
        [
            "https://openreview.net/forum?id=dOWWNW9CJ3",
            "https://dl.acm.org/doi/abs/10.1145/3637528.3671523",
            "https://github.com/ZhimingZhou/zhimingzhou.github.io/raw/"
            "ff28a097b745dba9ff366ba0e6f928d2c4c043a9/assets/"
            "Residual%20Multi-Task%20Learner%20for%20Applied%20Ranking.pdf",
        ],
    ),
    (
        "chen2023recurrent",
        "zhiming-zhou",
        "Recurrent Temporal Revision Graph Networks",
        [
            "Yizhou Chen",
            "Anxiang Zeng",
            "Guangda Huzhang",
            "Qingtao Yu",
            "Kerui Zhang",
            "Cao Yuanpeng",
            "Kangle Wu",
            "Han Yu",
            "Zhiming Zhou",
        ],
        "Annual Conference on Neural Information Processing Systems (NeurIPS)",
        2023,
        [
            "https://openreview.net/forum?id=B3UDx1rNOy",
            "https://dl.acm.org/doi/abs/10.5555/3666122.3669159",
            "https://arxiv.org/abs/2309.12694",
        ],
    ),
    (
        "chen2023clustered",
        "zhiming-zhou",
        "Clustered Embedding Learning for Recommender Systems",
        [
            "Yizhou Chen",
            "Guangda Huzhang",
            "Anxiang Zeng",
            "Qingtao Yu",
            "Hui Sun",
            "Heng-yi Li",
            "Jingyi Li",
            "Yabo Ni",
            "Han Yu",
            "Zhiming Zhou",
        ],
        "ACM Web Conference (WWW)",
        2023,
        ["https://dl.acm.org/doi/abs/10.1145/3543507.3583362", "https://arxiv.org/abs/2302.01478"],
    ),
    (
        "zhou2019lipschitz",
        "zhiming-zhou",
        "Lipschitz Generative Adversarial Nets",
        [
            "Zhiming Zhou",
            "Jiadong Liang",
            "Yuxuan Song",
            "Lantao Yu",
            "Hongwei Wang",
            "Weinan Zhang",
            "Yong Yu",
            "Zhihua Zhang",
        ],
        "International Conference on Machine Learning (ICML)",
        2019,
        [
            "https://proceedings.mlr.press/v97/zhou19c.html",
            "https://arxiv.org/abs/1902.05687",
            "https://icml.cc/media/Slides/icml/2019/halla(11-14-00)-11-15-10-4628-lipschitz_gener.pdf",
            "https://github.com/ZhimingZhou/AdaShift-LGANs-MaxGP-refactored",
            "https://github.com/ZhimingZhou/LGANs-for-reproduce",
            "https://github.com/ZhimingZhou/MaxGP-MaxAL-for-reproduce",
        ],
    ),
    (
        "zhou2019adashift",
        "zhiming-zhou",
        "AdaShift: Decorrelation and Convergence of Adaptive Learning Rate Methods",
        ["Zhiming Zhou", "Qingru Zhang", "Guansong Lu", "Hongwei Wang", "Weinan Zhang", "Yong Yu"],
        "International Conference on Learning Representations (ICLR)",
        2019,
        [
            "https://openreview.net/forum?id=HkgTkhRcKQ",
            "https://arxiv.org/abs/1810.00143",
            "https://s3.amazonaws.com/postersession.ai/bd0f7f0b-ecaa-4164-aeb6-d0cf181cc27b.jpg",
            "https://github.com/ZhimingZhou/AdaShift-LGANs-MaxGP-refactored",
        ],
    ),
    (
        "zhou2018activation",
        "zhiming-zhou",
        "Activation Maximization Generative Adversarial Nets",
        [
            "Zhiming Zhou",
            "Han Cai",
            "Shu Rong",
            "Yuxuan Song",
            "Kan Ren",
            "Weinan Zhang",
            "Jun Wang",
            "Yong Yu",
        ],
        "International Conference on Learning Representations (ICLR)",
        2018,
        [
            "https://openreview.net/forum?id=HyyP33gAZ",
            "https://arxiv.org/abs/1703.02000",
            "https://github.com/ZhimingZhou/AM-GANs-refactored",
            "https://github.com/ZhimingZhou/AM-GANs-for-reproduce",
        ],
    ),
    (
        "zhou2016sparse",
        "zhiming-zhou",
        "Sparse-as-Possible SVBRDF Acquisition",
        [
            "Zhiming Zhou",
            "Guojun Chen",
            "Yue Dong",
            "David Wipf",
            "Yong Yu",
            "John Snyder",
            "Xin Tong",
        ],
        "ACM Transactions on Graphics (TOG) - ACM SIGGRAPH Asia",
        2016,
        [
            "https://dl.acm.org/doi/10.1145/2980179.2980247",
            "http://yuedong.shading.me/project/sparsesvbrdf/sparsesvbrdf.pdf",
            "https://drive.google.com/file/d/16gUKZoQH4HiQ61gEQ-YFs6v9WTEOSixf/view?usp=sharing",
        ],
    ),
    (
        "lyu2025solvable",
        "zhanxing-zhu",
        "A Solvable Attention for Neural Scaling Laws",
        ["Bochen Lyu", "Di Wang", "Zhanxing Zhu"],
        "International Conference on Learning Representation (ICLR)",
        2025,
        [],
    ),
    (
        "lyu2023implicit",
        "zhanxing-zhu",
        "Implicit Bias of (Stochastic) Gradient Descent for Rank-1 Linear Neural Network",
        ["Bochen Lyu", "Zhanxing Zhu"],
        "Thirty-seventh Conference on Neural Information Processing Systems (NeurIPS)",
        2023,
        [],
    ),
    (
        "lv2022implicit",
        "zhanxing-zhu",
        "Implicit Bias of Adversarial Training for Deep Neural Networks",
        ["Bochen Lv", "Zhanxing Zhu"],
        "International Conference on Learning Representation (ICLR)",
        2022,
        [],
    ),
    (
        "wan2021spherical",
        "zhanxing-zhu",
        "Spherical Motion Dynamics: Learning Dynamics of Normalized Neural Network using SGD and "
        "Weight Decay",
        ["Ruosi Wan", "Zhanxing Zhu", "Xiangyu Zhang", "Jian Sun"],
        "Advances in Neural Information Processing Systems (NeurIPS)",
        2021,
        [],
    ),
    (
        "zhang2019you",
        "zhanxing-zhu",
        "You only propagate once: Accelerating adversarial training via maximal principle",
        ["Dinghuai Zhang", "Tianyuan Zhang", "Yiping Lu", "Zhanxing Zhu", "Bin Dong"],
        "Advances in Neural Information Processing Systems (NeurIPS)",
        2019,
        [],
    ),
    (
        "zhu2019anisotropic",
        "zhanxing-zhu",
        "The Anisotropic Noise in Stochastic Gradient Descent: Its Behavior of Escaping from "
        "Sharp Minima and Regularization Effects",
        ["Zhanxing Zhu", "Jingfeng Wu", "Bing Yu", "Lei Wu", "Jinwen Ma"],
        "International Conference on Machine Learning (ICML)",
        2019,
        [],
    ),
    (
        "yu2018spatio",
        "zhanxing-zhu",
        "Spatio-temporal graph convolutional neural network: A deep learning framework for "
        "traffic forecasting",
        ["Bing Yu", "Haoteng Yin", "Zhanxing Zhu"],
        "International Joint Conference of Artificial Intelligence (IJCAI)",
        2018,
        [],
    ),
]

VENUE_BADGES = {
    "fu2024residual": "KDD",
    "chen2023recurrent": "NeurIPS",
    "chen2023clustered": "WWW",
    "zhou2019lipschitz": "ICML",
    "zhou2019adashift": "ICLR",
    "zhou2018activation": "ICLR",
    "zhou2016sparse": "TOG",
    "lyu2025solvable": "ICLR",
    "lyu2023implicit": "NeurIPS",
    "lv2022implicit": "ICLR",
    "wan2021spherical": "NeurIPS",
    "zhang2019you": "NeurIPS",
    "zhu2019anisotropic": "ICML",
    "yu2018spatio": "IJCAI",
}

EQUAL_CONTRIBUTION = {"zhou2019adashift": ["Zhiming Zhou", "Qingru Zhang"]}

LAY_SUMMARIES = {
    "zhou2016sparse": "We significantly reduce the number of images required for "
    "spatially-varying surface reflectance (SVBRDF) acquisition, by solving an exact low-rank "
    "representation and chasing an extreme sparsity. The number of images required dropped from "
    "thousands to tens, and high-quality SVBRDF acquisition from a single image became possible "
    "for the first time.",
    "zhou2019adashift": "We study the convergence issue of Adam optimizer. With the proposed "
    "concept net update factor, we showed that the key issue in Adam lies in its biased adaptive "
    "learning rate caused by the correlation between the adaptive term v_t and the current "
    "gradient g_t, and a temporal shift operation is proposed to solve such an issue. Our new "
    "understanding of the role of v_t also free v_t from its traditional update rule, leading to "
    "more interesting variants. Particularly, with dimension reduction operation in v_t, we "
    "achieve the so-called adaptive learning rate SGD, which removes the global gradient scale "
    "but keeps the relative scales.",
    "zhou2018activation": "We study how class labels interact with GANs training when introduced "
    "and how it improves the sample quality of GANs. Based on the analysis, an improved method "
    "for leveraging class labels in GANs has been proposed. An interesting relationship among "
    "popular variants of GANs that leverage class labels, including the proposed AM-GANs, is "
    "revealed.",
    "zhou2019lipschitz": "We study the cause of training instability of GANs from the "
    "perspective of the gradient of the optimal discriminative function. Under a generalized "
    "formulation of GANs, we show that: (1) GANs with unregularized discriminative function space "
    "generally does not guarantee its convergence, suffering from a gradient uninformativeness "
    "issue; (2) Lipschitz regularization in the discriminative function space can generally "
    "resolve this issue and guarantee the convergence of GANs. This leads to a new family of GANs "
    "named Lipschitz GANs. All tested instances of this family consistently outperform WGANs in "
    "experiments.",
}
